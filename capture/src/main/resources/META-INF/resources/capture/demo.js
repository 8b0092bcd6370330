// The demo page of the OpenLiveness capture component: runs one session from the session token
// in the URL fragment (#token=ses_…; a fragment never reaches a server or a Referer header).
// Optional fragment settings for trying the component: burstMs, burstFrames, steadyPreviews,
// previewIntervalMs, lightFramesPerColour, retryPauseMs (see DEFAULT_TIMING).
import { OpenLivenessCapture, DEFAULT_TIMING } from "./openliveness-capture.js";

const params = new URLSearchParams(location.hash.slice(1));
const token = params.get("token");
const container = document.getElementById("capture");
if (!token) {
  const note = document.createElement("p");
  note.className = "note";
  note.append("Open this page with the session token your backend created, after a #: ");
  const example = document.createElement("code");
  example.textContent = "/capture/#token=ses_…";
  note.append(example);
  container.replaceChildren(note);
} else {
  const timing = {};
  for (const name of Object.keys(DEFAULT_TIMING)) {
    if (params.has(name) && Number.isFinite(Number(params.get(name)))) {
      timing[name] = Number(params.get(name));
    }
  }
  const capture = new OpenLivenessCapture({ sessionToken: token, container, timing });
  capture.addEventListener("state", (e) => {
    document.title = "Liveness check: " + e.detail.state;
  });
  const outcome = await capture.run();
  document.title = "Liveness check: " + outcome.status;
}
