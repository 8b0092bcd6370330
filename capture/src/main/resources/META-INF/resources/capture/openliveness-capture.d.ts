// Type declarations for openliveness-capture.js (a plain ES module served at /capture/).

/** Timing of the capture, milliseconds unless said otherwise. */
export interface CaptureTiming {
  /** Time between two preview frames (default 250: at most 4 a second; the server allows 5 per session). */
  previewIntervalMs: number;
  /** Consecutive well-placed previews before a challenge's instruction is shown (default 2). */
  steadyPreviews: number;
  /** Frames in a movement challenge's burst, 3 to 15 (default 10). */
  burstFrames: number;
  /** How long a burst records, from the moment the instruction is shown (default 2000). */
  burstMs: number;
  /** Frames per colour of the screen-light sequence (default 2). */
  lightFramesPerColour: number;
  /** How long a "try again" message stays before the guidance resumes (default 1500). */
  retryPauseMs: number;
}

export declare const DEFAULT_TIMING: Readonly<CaptureTiming>;

/** A preview hint from the service. */
export type Hint =
  | "OK" | "NO_FACE" | "MULTIPLE_FACES" | "TOO_FAR" | "TOO_CLOSE" | "NOT_CENTRED" | "TOO_DARK" | "TOO_BRIGHT" | "BLURRED";

export type ChallengeType = "TURN_LEFT" | "TURN_RIGHT" | "LOOK_UP" | "SMILE" | "BLINK" | "OPEN_MOUTH" | "LIGHT";

/** Everything the component says. Override any part with the `texts` option. */
export interface CaptureTexts {
  starting: string;
  askingCamera: string;
  placeFace: string;
  hints: Record<Hint, string>;
  /** "Step {n} of {total}" */
  step: string;
  /** Instructions by challenge type; without one, the server's instruction is shown. */
  instructions: Partial<Record<ChallengeType, string>>;
  /** Under the instruction while a burst records. */
  recording: string;
  light: string;
  checking: string;
  /** "Try again" messages by the reply's failure reason, and a default. */
  retry: { default: string } & Record<string, string>;
  completed: string;
  notCompleted: string;
  expired: string;
  cancelled: string;
  cameraDenied: string;
  noCamera: string;
  cameraBusy: string;
  cameraUnsupported: string;
  invalidSession: string;
  network: string;
  server: string;
}

export declare const DEFAULT_TEXTS: Readonly<CaptureTexts>;

export interface CaptureOptions {
  /** The session token your backend received when it created the session. */
  sessionToken: string;
  /** Where the component draws itself (it replaces the element's children). */
  container: Element;
  /** The service's root URL. Default: the root the module was loaded from. */
  baseUrl?: string;
  timing?: Partial<CaptureTiming>;
  texts?: Partial<Omit<CaptureTexts, "hints" | "instructions" | "retry">> & {
    hints?: Partial<Record<Hint, string>>;
    instructions?: Partial<Record<ChallengeType, string>>;
    retry?: Record<string, string>;
  };
  /** A fetch implementation (default: the global fetch). */
  fetch?: typeof fetch;
}

export type OutcomeStatus = "completed" | "not-completed" | "expired" | "error" | "cancelled";

export type ErrorReason =
  | "camera-denied" | "no-camera" | "camera-busy" | "camera-unsupported" | "invalid-session" | "network" | "server";

/**
 * How the capture ended. "completed": every challenge was done and a live person was judged
 * present; "not-completed": the session ended without that; "expired": the session's time ran
 * out. Your backend reads the verdict itself with its API key.
 */
export interface CaptureOutcome {
  status: OutcomeStatus;
  /** What the component showed the person. */
  message: string;
  /** With status "error". */
  reason?: ErrorReason;
}

export type CaptureState =
  | "starting" | "camera" | "positioning" | "instruction" | "recording" | "light" | "checking" | "retry" | "done";

export interface ChallengePrompt {
  id: string;
  type: ChallengeType;
  instruction: string;
  status: "PENDING" | "MET" | "FAILED";
  attempts: number;
}

export interface CaptureEventMap {
  state: CustomEvent<{ state: CaptureState; message: string }>;
  guidance: CustomEvent<{ hints: Hint[]; box: { x: number; y: number; width: number; height: number } | null; width: number; height: number }>;
  challenge: CustomEvent<{ challenge: ChallengePrompt; index: number; total: number; attempt: number }>;
  /** After each upload: whether the challenge was accepted, and whether it will be tried again. */
  attempt: CustomEvent<{ challengeId: string; type: ChallengeType; accepted: boolean; retry: boolean; reason: string | null }>;
  done: CustomEvent<CaptureOutcome>;
}

/** A refusal from the service (an RFC 9457 problem) or a failure to reach it or the camera. */
export declare class CaptureError extends Error {
  readonly reason: ErrorReason | "expired" | "cancelled";
  /** HTTP status, 0 when none. */
  readonly status: number;
  /** The problem's code, e.g. "SESSION_EXPIRED". */
  readonly code: string | null;
  readonly retryAfterMs: number | null;
}

export declare class OpenLivenessCapture extends EventTarget {
  constructor(options: CaptureOptions);
  /** Runs the session to its end; resolves (never rejects) with how it ended. */
  run(): Promise<CaptureOutcome>;
  /** Stops a running capture and releases the camera; run() resolves with status "cancelled". */
  cancel(): void;
  addEventListener<K extends keyof CaptureEventMap>(
    type: K, listener: (event: CaptureEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof CaptureEventMap>(
    type: K, listener: (event: CaptureEventMap[K]) => void, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}
