// Type declarations for liveness-controller.js (seed 000's LivenessController for OpenLiveness).

/** Default time limit of one call, milliseconds. */
export declare const DEFAULT_TIMEOUT_MS: number;

export interface ClientConfig {
  /** Where the service is, e.g. `https://liveness.example.com` (a trailing slash is dropped). */
  baseUrl: string;
  /** Your API key (scope `liveness`), sent as `X-API-Key`. A secret: use the SDK from your backend. */
  apiKey?: string;
  /** Time limit of one call, milliseconds; 0 for none (default {@link DEFAULT_TIMEOUT_MS}). */
  timeout?: number;
  /** The fetch to use (default: the platform's). */
  fetch?: typeof fetch;
}

/** Where the service is and how to reach it. */
export declare class Client {
  constructor(config: ClientConfig);
  readonly baseUrl: string;
  readonly apiKey: string | undefined;
  readonly timeout: number;
  request<T>(method: string, path: string,
             parts?: { query?: Record<string, string>; headers?: Record<string, string> },
             requestOptions?: RequestOptions): Promise<ApiResponse<T>>;
}

/** Options of one call. */
export interface RequestOptions {
  /** Cancels the call. */
  abortSignal?: AbortSignal;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

/** A 2xx reply. */
export interface ApiResponse<T> {
  /** The parsed JSON body. */
  result: T;
  statusCode: number;
  /** Reply headers, names in lower case. */
  headers: Record<string, string>;
  /** The raw body. */
  body: string;
}

/** The body of every error reply of the identity-flow profile. */
export interface ErrorResult {
  /** The HTTP status again. */
  status: number;
  /**
   * `INVALID_API_KEY` (400, "Invalid Api Key"), `MISSING_PARAMETER` (400), `INVALID_REQUEST` (400),
   * `INSUFFICIENT_SCOPE` (403), `SESSION_NOT_FOUND` / `STEP_NOT_FOUND` (404), `TOO_MANY_STEPS` /
   * `LIVENESS_IN_PROGRESS` (409), `SESSION_EXPIRED` (410), `RATE_LIMITED` (429),
   * `SESSION_BUSY` / `SERVICE_UNAVAILABLE` (503).
   */
  code: string;
  message: string;
}

/** A reply that was not 2xx. */
export declare class ApiError extends Error {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** The parsed error body when it was JSON. */
  readonly result: ErrorResult | undefined;
}

export type ChallengeType = "TURN_LEFT" | "TURN_RIGHT" | "LOOK_UP" | "SMILE" | "BLINK" | "OPEN_MOUTH" | "LIGHT";
export type SessionStatus = "IN_PROGRESS" | "COMPLETED" | "EXPIRED";
export type ChallengeStatus = "PENDING" | "MET" | "FAILED";
export type CaptureMode = "PHOTO" | "BURST";

export interface Challenge {
  id: string;
  type: ChallengeType;
  /** What to show the person. */
  instruction: string;
}

/** The reply to {@link LivenessController.livenessInitPOST}. */
export interface LivenessInitResponse {
  step_id: string;
  /** The step's liveness session (the native API's session id). */
  livenessSessionId: string;
  /** IN_PROGRESS while the capture may run; COMPLETED once judged (call verify). */
  status: SessionStatus;
  /** Whether this call created the liveness session (false: the step's existing one). */
  created: boolean;
  /** While IN_PROGRESS: the capture token for the capture component; null after. */
  captureToken: string | null;
  /** When the capture must be finished (ISO-8601). */
  expiresAt: string;
  challenges: Challenge[];
}

/** A failure reason of the verdict (see the service's docs/SESSIONS.md). */
export type FailureReason = string;

/** The reply to {@link LivenessController.livenessVerifyPOST}: the step's verdict. */
export interface LivenessVerifyResponse {
  step_id: string;
  livenessSessionId: string;
  /** COMPLETED (judged) or EXPIRED (not every challenge answered in time). */
  status: SessionStatus;
  /** Whether a live person was judged present. */
  isAlive: boolean;
  /** The weakest check's score, 0..1. */
  confidence: number;
  /** Similarity to the reference selfie, null without one. */
  faceMatchScore: number | null;
  /** Why not alive (or FACE_MISMATCH), null when alive and matched. */
  failureReason: FailureReason | null;
  failureDetail: string | null;
  /** When verify first answered for this step (ISO-8601). */
  verifiedAt: string;
}

export interface ChallengeDetail extends Challenge {
  status: ChallengeStatus;
  attempts: number;
  /** PHOTO or BURST once answered, else null. */
  captureMode: CaptureMode | null;
}

export interface CheckDetail {
  check: string;
  status: "PASS" | "FAIL" | "NOT_APPLICABLE";
  /** Margin score 0..1, 0.5 at the threshold; null when not applicable. */
  score: number | null;
  detail: string | null;
}

export interface Verdict {
  isAlive: boolean;
  confidence: number;
  antiSpoofScore: number;
  faceMatchScore: number | null;
  failureReason: FailureReason | null;
  failureDetail: string | null;
  checks: CheckDetail[];
  captureMode: CaptureMode | null;
}

/** The reply to {@link LivenessController.livenessDetailsGET}: everything about the step's verification. */
export interface LivenessVerificationResponse {
  step_id: string;
  livenessSessionId: string;
  userId: string;
  externalReference: string | null;
  status: SessionStatus;
  createdAt: string;
  expiresAt: string;
  completedAt: string | null;
  verifiedAt: string | null;
  challengesCompleted: number;
  challengesTotal: number;
  challenges: ChallengeDetail[];
  /** Whether a reference selfie was given. */
  referenceSelfie: boolean;
  /** The verdict, null while in progress. */
  result: Verdict | null;
}

/** The liveness step of an identity flow. */
export declare class LivenessController {
  constructor(client: Client);

  /** Verify if the person in front of his camera is alive: creates (or returns) the step's liveness session. */
  livenessInitPOST(clientId: string, stepId: string, sessionId: string,
                   requestOptions?: RequestOptions): Promise<ApiResponse<LivenessInitResponse>>;

  /** Verify if the person in front of his camera is alive: the step's verdict once the capture finished. */
  livenessVerifyPOST(clientId: string, stepId: string, sessionId: string,
                     requestOptions?: RequestOptions): Promise<ApiResponse<LivenessVerifyResponse>>;

  /** All information about liveness verification details. */
  livenessDetailsGET(clientId: string, stepId: string, sessionId: string,
                     requestOptions?: RequestOptions): Promise<ApiResponse<LivenessVerificationResponse>>;
}
