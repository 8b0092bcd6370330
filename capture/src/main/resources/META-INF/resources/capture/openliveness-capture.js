// OpenLiveness capture component: a plain ES module, no framework, no build step, no dependency.
//
//   import { OpenLivenessCapture } from "https://your-liveness-host/capture/openliveness-capture.js";
//   const outcome = await new OpenLivenessCapture({ sessionToken, container }).run();
//
// It runs one liveness session in the browser with the session token alone: asks for the front
// camera, guides the face into an oval (POST …/preview on small frames, under 5 a second), then for
// each pending challenge shows its instruction, calls …/challenge/start, records a burst of frames
// during the movement (for LIGHT: while the screen shows the colour sequence) and uploads it to
// …/challenge, retrying while the server allows. The preview is mirrored; uploaded frames are not.
// It tells the person what to do and how it ended, never the verdict's measures, thresholds or
// scores: the integrating backend reads the result with its API key. Types: openliveness-capture.d.ts.

const API = "/v1/verifications/liveness";

/** Defaults of the `timing` option (milliseconds unless said otherwise). */
export const DEFAULT_TIMING = Object.freeze({
  /** Time between two preview frames: at most 4 a second (the server allows 5 per session). */
  previewIntervalMs: 250,
  /** Consecutive well-placed previews ("OK") before a challenge's instruction is shown. */
  steadyPreviews: 2,
  /** Frames in a movement challenge's burst (the server takes 3 to 15). */
  burstFrames: 10,
  /** How long a burst records, from the moment the instruction is shown. */
  burstMs: 2000,
  /** Frames per colour of the screen-light (LIGHT) sequence. */
  lightFramesPerColour: 2,
  /** How long a "try again" message stays before the guidance resumes. */
  retryPauseMs: 1500,
});

/** Longer side of an uploaded burst frame and of a preview frame, pixels. */
const FRAME_SIZE = 640;
const PREVIEW_SIZE = 320;
const FRAME_QUALITY = 0.85;
const PREVIEW_QUALITY = 0.7;
/** Failures to reach the service in a row (no answer, or 502/503/504) before the component gives up. */
const MAX_NETWORK_FAILURES = 3;
/** Bursts in a row that arrived after the server's burst window before the component gives up. */
const MAX_LATE_BURSTS = 3;

/** What the component says, in plain words. Override any of them with the `texts` option. */
export const DEFAULT_TEXTS = Object.freeze({
  starting: "Getting ready…",
  askingCamera: "Please allow the camera when your browser asks.",
  placeFace: "Fit your face in the oval.",
  hints: Object.freeze({
    OK: "Good. Hold still…",
    NO_FACE: "We can't see your face. Look at the screen.",
    MULTIPLE_FACES: "Make sure only you are in view.",
    TOO_FAR: "Come a little closer.",
    TOO_CLOSE: "Move back a little.",
    NOT_CENTRED: "Move your face into the oval.",
    TOO_DARK: "It's too dark. Find more light.",
    TOO_BRIGHT: "It's too bright. Move away from strong light.",
    BLURRED: "Hold still.",
  }),
  step: "Step {n} of {total}",
  /** Instructions by challenge type; without one, the server's instruction is shown. */
  instructions: Object.freeze({}),
  /** Under the instruction while a burst records. */
  recording: "Slowly… keep going until the bar is full.",
  light: "Hold still and keep looking at the screen while it changes colour.",
  checking: "Checking…",
  retry: Object.freeze({
    default: "That didn't work. Let's try again.",
    CHALLENGE_NOT_MET: "Not quite. Let's try again: follow the instruction a little further.",
    DISCONTINUITY: "Let's try again: make one slow, smooth movement.",
    NO_FACE: "We lost sight of your face. Let's try again.",
    MULTIPLE_FACES: "Make sure only you are in view, then try again.",
    FACE_TOO_SMALL: "Come a little closer, then try again.",
    POOR_QUALITY: "The picture was unclear. Find more light and hold the phone steady.",
    IDENTITY_MISMATCH: "Make sure only you are in view, then try again.",
    LIGHT_RESPONSE: "Let's try again: keep your face close to the screen and hold still.",
  }),
  completed: "Done. Thank you!",
  notCompleted: "We couldn't complete the check. Please start again.",
  expired: "This check has expired. Please start again.",
  cancelled: "The check was stopped.",
  cameraDenied:
    "The camera was blocked, so the check can't continue. Allow this page to use the camera " +
    "(in your browser's address bar or settings), then reload the page.",
  noCamera: "No camera was found. Use a device with a front camera, or connect one, then reload the page.",
  cameraBusy: "The camera is being used by another app. Close that app, then reload the page.",
  cameraUnsupported: "This browser can't use the camera on this page. Open it over HTTPS in an up-to-date browser.",
  invalidSession: "This check isn't valid any more. Please start again from the app.",
  network: "We couldn't reach the server. Check your connection and try again.",
  server: "Something went wrong on our side. Please try again later.",
});

/** A refusal from the service (an RFC 9457 problem) or a failure to reach it. */
export class CaptureError extends Error {
  constructor(reason, message, { status = 0, code = null, retryAfterMs = null, cause } = {}) {
    super(message, cause ? { cause } : undefined);
    this.name = "CaptureError";
    /** camera-denied, no-camera, camera-busy, camera-unsupported, invalid-session, expired, network, server, cancelled */
    this.reason = reason;
    this.status = status;
    /** The problem's `code`, e.g. SESSION_EXPIRED. */
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }
}

let stylesAdded = false;

/**
 * Runs one liveness session in `container`. Events (all `CustomEvent`s, on the instance):
 * `state` {state, message}, `guidance` {hints, box, width, height}, `challenge` {challenge,
 * index, total, attempt}, `attempt` {challengeId, type, accepted, retry, reason}, `done` (the outcome).
 */
export class OpenLivenessCapture extends EventTarget {
  #baseUrl;
  #token;
  #container;
  #timing;
  #texts;
  #fetch;
  #root = null;
  #video = null;
  #stream = null;
  #abort = new AbortController();
  #running = false;
  #networkFailures = 0;
  #ui = {};

  /**
   * @param {object} options
   * @param {string} options.sessionToken the session's token, from the integrating backend
   * @param {Element} options.container where the component draws itself
   * @param {string} [options.baseUrl] the service's root URL; default: where this module was loaded from
   * @param {object} [options.timing] see DEFAULT_TIMING
   * @param {object} [options.texts] see DEFAULT_TEXTS
   */
  constructor({ sessionToken, container, baseUrl, timing, texts, fetch: fetchImpl } = {}) {
    super();
    if (typeof sessionToken !== "string" || sessionToken.trim() === "") {
      throw new TypeError("OpenLivenessCapture: sessionToken is required");
    }
    if (!container || typeof container.appendChild !== "function") {
      throw new TypeError("OpenLivenessCapture: container must be a DOM element");
    }
    this.#token = sessionToken.trim();
    this.#container = container;
    this.#baseUrl = String(baseUrl ?? new URL("../", import.meta.url).href).replace(/\/+$/, "");
    this.#timing = { ...DEFAULT_TIMING, ...(timing || {}) };
    const t = texts || {};
    this.#texts = {
      ...DEFAULT_TEXTS,
      ...t,
      hints: { ...DEFAULT_TEXTS.hints, ...(t.hints || {}) },
      instructions: { ...DEFAULT_TEXTS.instructions, ...(t.instructions || {}) },
      retry: { ...DEFAULT_TEXTS.retry, ...(t.retry || {}) },
    };
    this.#fetch = fetchImpl || ((...args) => globalThis.fetch(...args));
  }

  /**
   * Runs the session to its end. Resolves (never rejects) with the outcome:
   * {status: "completed" | "not-completed" | "expired" | "error" | "cancelled", message, reason?}.
   */
  async run() {
    if (this.#running) {
      throw new Error("OpenLivenessCapture: run() is already running");
    }
    this.#running = true;
    this.#abort = new AbortController();
    this.#render();
    this.#setState("starting", this.#texts.starting);
    try {
      let progress = await this.#progress();
      if (!progress.isComplete) {
        await this.#openCamera();
        const total = progress.challengesTotal;
        for (;;) {
          const next = progress.challenges.find((c) => c.status === "PENDING");
          if (!next || progress.isComplete) {
            break;
          }
          const index = progress.challenges.indexOf(next);
          const reply = await this.#perform(next, index, total);
          if (reply && reply.isComplete) {
            break;
          }
          progress = await this.#progress();
        }
        progress = await this.#progress();
      }
      return this.#finish(this.#outcomeOf(progress));
    } catch (e) {
      return this.#finish(this.#outcomeOfError(e));
    } finally {
      this.#stopCamera();
      this.#running = false;
    }
  }

  /** Stops a running session: the camera is released and run() resolves with status "cancelled". */
  cancel() {
    this.#abort.abort();
    this.#stopCamera();
  }

  // ---- the session ----

  /** One challenge, with its retries; returns the last reply. */
  async #perform(challenge, index, total) {
    let late = 0;
    for (let attempt = 1; ; attempt++) {
      await this.#waitUntilPlaced(index, total);
      const instruction = this.#texts.instructions[challenge.type] || challenge.instruction;
      this.#emit("challenge", { challenge: { ...challenge }, index, total, attempt });
      this.#ui.instruction.textContent = instruction;
      this.#setState("instruction", instruction);
      let started;
      try {
        started = await this.#postJson("/challenge/start", { sessionToken: this.#token, challengeId: challenge.id });
      } catch (e) {
        if (e instanceof CaptureError && (e.code === "CHALLENGE_ALREADY_ANSWERED" || e.code === "SESSION_COMPLETED")) {
          return null;
        }
        throw e;
      }
      const t0 = performance.now();
      let shots;
      if (started.light) {
        this.#setState("light", this.#texts.light);
        shots = await this.#recordLight(started.light, t0, started.maxFrames);
      } else {
        this.#setState("recording", this.#texts.recording);
        shots = await this.#recordBurst(t0, started.minFrames, started.maxFrames);
      }
      this.#ui.instruction.textContent = "";
      this.#setState("checking", this.#texts.checking);
      let reply;
      try {
        reply = await this.#upload(challenge.id, shots);
      } catch (e) {
        if (e instanceof CaptureError && (e.code === "CHALLENGE_START_EXPIRED" || e.code === "CHALLENGE_NOT_STARTED")) {
          if (++late >= MAX_LATE_BURSTS) {
            throw new CaptureError("network", "the frames keep arriving after the burst window", { cause: e });
          }
          continue; // arrived too late: not an attempt; start again
        }
        if (e instanceof CaptureError && (e.code === "CHALLENGE_ALREADY_ANSWERED" || e.code === "SESSION_COMPLETED")) {
          return null;
        }
        throw e;
      }
      const judged = reply.challenge || {};
      const retry = !reply.isComplete && judged.status === "PENDING";
      this.#emit("attempt", {
        challengeId: challenge.id,
        type: challenge.type,
        accepted: judged.status === "MET",
        retry,
        reason: judged.failureReason || null,
      });
      if (!retry) {
        return reply;
      }
      const message = this.#texts.retry[judged.failureReason] || this.#texts.retry.default;
      this.#setState("retry", message);
      await this.#sleep(this.#timing.retryPauseMs);
    }
  }

  /** Preview frames until the face is well placed in `steadyPreviews` of them in a row. */
  async #waitUntilPlaced(index, total) {
    this.#ui.step.textContent = this.#texts.step.replace("{n}", String(index + 1)).replace("{total}", String(total));
    this.#ui.instruction.textContent = "";
    this.#setState("positioning", this.#texts.placeFace);
    let placed = 0;
    while (placed < this.#timing.steadyPreviews) {
      const began = performance.now();
      const frame = await this.#encode(this.#snapshot(PREVIEW_SIZE), PREVIEW_QUALITY);
      const form = new FormData();
      form.append("sessionToken", this.#token);
      form.append("frame", frame, "preview.jpg");
      let preview;
      try {
        preview = await this.#post("/preview", form);
      } catch (e) {
        if (e instanceof CaptureError && e.code === "RATE_LIMITED") {
          await this.#sleep(e.retryAfterMs ?? 1000);
          continue;
        }
        throw e;
      }
      const hints = Array.isArray(preview.hints) && preview.hints.length ? preview.hints : ["NO_FACE"];
      const ok = hints.length === 1 && hints[0] === "OK";
      placed = ok ? placed + 1 : 0;
      this.#root.dataset.placed = String(ok);
      this.#emit("guidance", { hints: [...hints], box: preview.box ?? null, width: preview.width, height: preview.height });
      this.#setState("positioning", this.#texts.hints[hints[0]] || this.#texts.placeFace);
      if (placed < this.#timing.steadyPreviews) {
        await this.#sleep(Math.max(0, this.#timing.previewIntervalMs - (performance.now() - began)));
      }
    }
    this.#root.dataset.placed = "false";
  }

  /** A movement challenge: `burstFrames` frames spread over `burstMs` from t0. */
  async #recordBurst(t0, minFrames, maxFrames) {
    const n = clamp(Math.round(this.#timing.burstFrames), Math.max(3, minFrames || 3), maxFrames || 15);
    const span = Math.max(0, this.#timing.burstMs);
    this.#ui.bar.style.animationDuration = `${span}ms`;
    this.#root.dataset.recording = "true";
    const shots = [];
    try {
      for (let i = 0; i < n; i++) {
        await this.#sleepUntil(t0 + (span * i) / (n - 1));
        shots.push(this.#shot(t0));
      }
    } finally {
      this.#root.dataset.recording = "false";
    }
    return shots;
  }

  /**
   * The screen-light challenge: colour i fills the screen during [i·colourMs, (i+1)·colourMs)
   * from t0; `lightFramesPerColour` frames are taken inside each colour's time.
   */
  async #recordLight(light, t0, maxFrames) {
    const colours = light.colours;
    const ms = light.colourMs;
    const per = clamp(Math.round(this.#timing.lightFramesPerColour), 1, Math.floor((maxFrames || 15) / colours.length) || 1);
    const overlay = this.#ui.light;
    overlay.style.background = colours[0];
    overlay.hidden = false;
    const timers = colours.map((c, i) => setTimeout(() => (overlay.style.background = c), Math.max(0, t0 + i * ms - performance.now())));
    const shots = [];
    try {
      for (let i = 0; i < colours.length; i++) {
        for (let k = 1; k <= per; k++) {
          await this.#sleepUntil(t0 + (i + k / (per + 1)) * ms);
          shots.push(this.#shot(t0));
        }
      }
      await this.#sleepUntil(t0 + colours.length * ms);
    } finally {
      timers.forEach(clearTimeout);
      overlay.hidden = true;
    }
    return shots;
  }

  /** Uploads a burst; the frames are encoded after the recording, so encoding never delays a frame. */
  async #upload(challengeId, shots) {
    const form = new FormData();
    form.append("sessionToken", this.#token);
    form.append("challengeId", challengeId);
    let last = -1;
    const times = [];
    for (let i = 0; i < shots.length; i++) {
      form.append("frames", await this.#encode(shots[i].canvas, FRAME_QUALITY), `frame${i}.jpg`);
      last = Math.max(shots[i].time, last + 1);
      times.push(last);
    }
    form.append("frameTimes", times.join(","));
    return this.#post("/challenge", form);
  }

  #outcomeOf(progress) {
    if (progress.status === "EXPIRED") {
      return { status: "expired", message: this.#texts.expired };
    }
    if (progress.isComplete && progress.isAlive === true) {
      return { status: "completed", message: this.#texts.completed };
    }
    return { status: "not-completed", message: this.#texts.notCompleted };
  }

  #outcomeOfError(e) {
    if (this.#abort.signal.aborted) {
      return { status: "cancelled", message: this.#texts.cancelled };
    }
    const reason = e instanceof CaptureError ? e.reason : "server";
    if (reason === "expired") {
      return { status: "expired", message: this.#texts.expired };
    }
    const messages = {
      "camera-denied": this.#texts.cameraDenied,
      "no-camera": this.#texts.noCamera,
      "camera-busy": this.#texts.cameraBusy,
      "camera-unsupported": this.#texts.cameraUnsupported,
      "invalid-session": this.#texts.invalidSession,
      network: this.#texts.network,
    };
    if (!(e instanceof CaptureError)) {
      console.error("OpenLivenessCapture:", e);
    }
    return { status: "error", reason, message: messages[reason] || this.#texts.server };
  }

  #finish(outcome) {
    this.#root.dataset.outcome = outcome.status;
    if (outcome.reason) {
      this.#root.dataset.reason = outcome.reason;
    }
    this.#ui.light.hidden = true;
    this.#ui.instruction.textContent = "";
    this.#ui.step.textContent = "";
    this.#ui.result.innerHTML = ICONS[outcome.status] || ICONS.error;
    this.#setState("done", outcome.message);
    this.#emit("done", { ...outcome });
    return outcome;
  }

  // ---- the camera ----

  async #openCamera() {
    this.#setState("camera", this.#texts.askingCamera);
    const media = globalThis.navigator && navigator.mediaDevices;
    if (!media || typeof media.getUserMedia !== "function") {
      throw new CaptureError("camera-unsupported", "navigator.mediaDevices.getUserMedia is not available (is the page served over HTTPS?)");
    }
    try {
      this.#stream = await media.getUserMedia({
        audio: false,
        video: { facingMode: "user", width: { ideal: 640 }, height: { ideal: 480 } },
      });
    } catch (e) {
      throw cameraError(e);
    }
    if (this.#abort.signal.aborted) {
      this.#stopCamera();
      throw new CaptureError("cancelled", "cancelled");
    }
    const video = this.#video;
    video.srcObject = this.#stream;
    if (video.readyState < 1) {
      await new Promise((resolve) => video.addEventListener("loadedmetadata", resolve, { once: true }));
    }
    await video.play().catch(() => {}); // muted inline video plays without a gesture
    while (!video.videoWidth) {
      await this.#sleep(50);
    }
    this.#root.dataset.camera = "on";
  }

  #stopCamera() {
    if (this.#stream) {
      this.#stream.getTracks().forEach((t) => t.stop());
      this.#stream = null;
    }
    if (this.#video) {
      this.#video.srcObject = null;
    }
    if (this.#root) {
      this.#root.dataset.camera = "off";
    }
  }

  /** The current camera frame, un-mirrored, its longer side at most `size` pixels. */
  #snapshot(size) {
    const video = this.#video;
    const scale = Math.min(1, size / Math.max(video.videoWidth, video.videoHeight));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
    return canvas;
  }

  #shot(t0) {
    this.#checkCancelled();
    return { canvas: this.#snapshot(FRAME_SIZE), time: Math.max(0, Math.round(performance.now() - t0)) };
  }

  #encode(canvas, quality) {
    return new Promise((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new CaptureError("server", "the browser could not encode a frame"))), "image/jpeg", quality),
    );
  }

  // ---- the service ----

  #progress() {
    return this.#postJson("/progress", { sessionToken: this.#token });
  }

  #postJson(path, body) {
    return this.#post(path, JSON.stringify(body), { "Content-Type": "application/json" });
  }

  async #post(path, body, headers = {}) {
    this.#checkCancelled();
    let response;
    try {
      response = await this.#fetch(this.#baseUrl + API + path, {
        method: "POST",
        body,
        headers: { Accept: "application/json", ...headers },
        signal: this.#abort.signal,
        credentials: "omit",
      });
    } catch (e) {
      this.#checkCancelled();
      if (++this.#networkFailures >= MAX_NETWORK_FAILURES) {
        throw new CaptureError("network", "the service could not be reached", { cause: e });
      }
      await this.#sleep(500 * this.#networkFailures);
      return this.#post(path, body, headers);
    }
    if ((response.status === 502 || response.status === 503 || response.status === 504)
        && ++this.#networkFailures < MAX_NETWORK_FAILURES) {
      // Busy or restarting (no analysis slot free, a proxy in between): nothing was decided; ask again.
      const retryAfter = Number(response.headers.get("Retry-After"));
      await this.#sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1000 * this.#networkFailures);
      return this.#post(path, body, headers);
    }
    this.#networkFailures = 0;
    let json = null;
    try {
      json = await response.json();
    } catch {
      json = null;
    }
    if (response.ok && json) {
      return json;
    }
    const code = json && json.code ? json.code : null;
    const retryAfter = Number(response.headers.get("Retry-After"));
    const reason =
      code === "SESSION_EXPIRED" ? "expired"
        : code === "INVALID_SESSION_TOKEN" || code === "SESSION_NOT_FOUND" ? "invalid-session"
          : "server";
    throw new CaptureError(reason, (json && (json.detail || json.title)) || `HTTP ${response.status}`, {
      status: response.status,
      code,
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
    });
  }

  // ---- the page ----

  #render() {
    addStyles();
    const root = el("div", "olc");
    const stage = el("div", "olc-stage");
    const video = el("video", "olc-video");
    video.muted = true;
    video.autoplay = true;
    video.playsInline = true;
    video.setAttribute("playsinline", "");
    video.setAttribute("aria-hidden", "true");
    const oval = el("div", "olc-oval");
    const step = el("div", "olc-step");
    const instruction = el("div", "olc-instruction");
    const bar = el("div", "olc-bar");
    const message = el("p", "olc-message");
    message.setAttribute("role", "status");
    message.setAttribute("aria-live", "polite");
    const light = el("div", "olc-light");
    light.hidden = true;
    light.textContent = this.#texts.light;
    const result = el("div", "olc-result");
    result.setAttribute("aria-hidden", "true");
    stage.append(video, oval, step, instruction, bar);
    root.append(stage, result, message, light);
    root.dataset.camera = "off";
    this.#container.replaceChildren(root);
    this.#root = root;
    this.#video = video;
    this.#ui = { stage, oval, step, instruction, bar, message, light, result };
  }

  #setState(state, message) {
    this.#root.dataset.state = state;
    this.#ui.message.textContent = message;
    this.#emit("state", { state, message });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  #checkCancelled() {
    if (this.#abort.signal.aborted) {
      throw new CaptureError("cancelled", "cancelled");
    }
  }

  #sleep(ms) {
    const signal = this.#abort.signal;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(new CaptureError("cancelled", "cancelled"));
      };
      const timer = setTimeout(() => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      }, Math.max(0, ms));
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  #sleepUntil(time) {
    return this.#sleep(time - performance.now());
  }
}

/** A getUserMedia failure in the words the person needs. */
function cameraError(e) {
  const name = e && e.name;
  if (name === "NotAllowedError" || name === "PermissionDeniedError" || name === "SecurityError") {
    return new CaptureError("camera-denied", "camera access was refused", { cause: e });
  }
  if (name === "NotFoundError" || name === "DevicesNotFoundError" || name === "OverconstrainedError") {
    return new CaptureError("no-camera", "no camera was found", { cause: e });
  }
  if (name === "NotReadableError" || name === "TrackStartError" || name === "AbortError") {
    return new CaptureError("camera-busy", "the camera could not be started", { cause: e });
  }
  return new CaptureError("camera-unsupported", `the camera could not be used: ${name || e}`, { cause: e });
}

/** The end screen's symbol by outcome: a tick, a cross, a clock. */
const svg = (colour, body) =>
  `<svg viewBox="0 0 64 64" width="72" height="72"><circle cx="32" cy="32" r="30" fill="${colour}"/>` +
  `<g fill="none" stroke="#fff" stroke-width="6" stroke-linecap="round" stroke-linejoin="round">${body}</g></svg>`;
const CROSS = svg("#b3261e", '<path d="M22 22 42 42M42 22 22 42"/>');
const ICONS = {
  completed: svg("#1a7f37", '<path d="M18 33 28 43 46 23"/>'),
  "not-completed": CROSS,
  error: CROSS,
  cancelled: CROSS,
  expired: svg("#8a5a00", '<path d="M32 16V32L42 38"/>'),
};

function clamp(v, lo, hi) {
  return Math.min(hi, Math.max(lo, Number.isFinite(v) ? v : lo));
}

function el(tag, className) {
  const e = document.createElement(tag);
  e.className = className;
  return e;
}

/**
 * The component's styles, once per document; every class starts with "olc-". A constructed
 * style sheet where the browser has them, so a page whose Content-Security-Policy forbids
 * inline styles needs no exception; else a style element.
 */
function addStyles() {
  if (stylesAdded || document.getElementById("olc-styles")) {
    return;
  }
  stylesAdded = true;
  if (typeof CSSStyleSheet === "function" && "adoptedStyleSheets" in document) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLES);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      return;
    } catch {
      // fall back to a style element
    }
  }
  const style = document.createElement("style");
  style.id = "olc-styles";
  style.textContent = STYLES;
  document.head.appendChild(style);
}

const STYLES = `
.olc{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1d1d1f;
  max-width:480px;margin:0 auto;text-align:center;-webkit-user-select:none;user-select:none}
.olc-stage{position:relative;width:min(100%,calc(68vh*3/4));width:min(100%,calc(68dvh*3/4));margin:0 auto;
  aspect-ratio:3/4;background:#111;border-radius:16px;overflow:hidden}
@media (orientation:landscape) and (min-width:700px){.olc{max-width:640px}
  .olc-stage{aspect-ratio:4/3;width:min(100%,calc(68vh*4/3));width:min(100%,calc(68dvh*4/3))}}
.olc-video{position:absolute;inset:0;width:100%;height:100%;object-fit:cover;transform:scaleX(-1)}
.olc-oval{position:absolute;left:50%;top:46%;height:72%;aspect-ratio:3/4;transform:translate(-50%,-50%);
  border-radius:50%;border:4px solid rgba(255,255,255,.9);box-shadow:0 0 0 1200px rgba(0,0,0,.45);
  transition:border-color .2s}
.olc[data-placed="true"] .olc-oval,.olc[data-state="instruction"] .olc-oval,.olc[data-state="recording"] .olc-oval{border-color:#30d158}
.olc[data-camera="off"] .olc-oval{border-color:rgba(255,255,255,.35)}
.olc-step{position:absolute;top:10px;left:0;right:0;color:#fff;font-size:.9rem;opacity:.9}
.olc-instruction{position:absolute;left:0;right:0;bottom:14px;padding:0 16px;color:#fff;font-size:1.5rem;
  font-weight:700;text-shadow:0 1px 4px rgba(0,0,0,.8)}
.olc-bar{position:absolute;left:0;bottom:0;height:6px;width:0;background:#30d158}
.olc[data-recording="true"] .olc-bar{animation:olc-fill linear forwards}
@keyframes olc-fill{from{width:0}to{width:100%}}
.olc-message{min-height:3.2em;font-size:1.15rem;line-height:1.4;margin:14px 8px}
.olc[data-state="done"] .olc-message{font-size:1.3rem;font-weight:600}
.olc[data-outcome="completed"] .olc-message{color:#1a7f37}
.olc[data-outcome="not-completed"] .olc-message,.olc[data-outcome="expired"] .olc-message,
.olc[data-outcome="error"] .olc-message{color:#b3261e}
.olc[data-state="done"] .olc-stage{display:none}
.olc-result{display:none;margin:24px auto 0}
.olc[data-state="done"] .olc-result{display:block}
.olc-light{position:fixed;inset:0;z-index:2147483647;display:flex;align-items:flex-end;justify-content:center;
  padding:0 24px 12vh;color:#000;font-size:1.2rem;font-weight:600;text-shadow:0 0 6px #fff}
.olc-light[hidden]{display:none}
@media (prefers-reduced-motion:reduce){.olc-oval{transition:none}}
`;
