// The identity-flow SDK's LivenessController (seed 000) for OpenLiveness: a plain ES module, no
// dependencies, no build step. Runs on Node 18+ and in browsers (anything with fetch). Types are in
// liveness-controller.d.ts beside it.
//
// It calls the service's identity-flow profile:
//   POST /v1/identity-flow/liveness/init?step_id=…     (headers Client-Id, Session-Id, X-API-Key)
//   POST /v1/identity-flow/liveness/verify?step_id=…
//   GET  /v1/identity-flow/liveness/details?step_id=…
// The API key is a secret: use this client from your backend, and hand the init's captureToken to
// the capture component in the browser.

/** Default time limit of one call, milliseconds. */
export const DEFAULT_TIMEOUT_MS = 30000;

/** A reply that was not 2xx: `result` is the parsed error body ({ status, code, message }) when it was JSON. */
export class ApiError extends Error {
  constructor(statusCode, headers, body, result) {
    const what = result && typeof result === 'object' && result.code
      ? `${result.code}: ${result.message ?? ''}`
      : `HTTP ${statusCode}`;
    super(`OpenLiveness answered ${statusCode} (${what})`);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.headers = headers;
    this.body = body;
    this.result = result;
  }
}

/** Where the service is and how to reach it. */
export class Client {
  /**
   * @param {{ baseUrl: string, apiKey?: string, timeout?: number, fetch?: typeof fetch }} config
   */
  constructor(config) {
    if (!config || typeof config.baseUrl !== 'string' || config.baseUrl === '') {
      throw new TypeError('Client needs a baseUrl, e.g. https://liveness.example.com');
    }
    this.baseUrl = config.baseUrl.replace(/\/+$/, '');
    this.apiKey = config.apiKey;
    this.timeout = config.timeout ?? DEFAULT_TIMEOUT_MS;
    this.fetch = config.fetch ?? globalThis.fetch?.bind(globalThis);
    if (typeof this.fetch !== 'function') {
      throw new TypeError('no fetch: pass config.fetch on this platform');
    }
  }

  /**
   * Sends one request; resolves with { result, statusCode, headers, body } for a 2xx reply, rejects
   * with an ApiError otherwise (and with the fetch error, or a TimeoutError, when no reply came).
   */
  async request(method, path, { query = {}, headers = {} } = {}, requestOptions = {}) {
    const url = new URL(this.baseUrl + path);
    for (const [name, value] of Object.entries(query)) {
      url.searchParams.set(name, value);
    }
    const sent = { Accept: 'application/json', ...headers, ...(requestOptions.headers ?? {}) };
    if (this.apiKey !== undefined) {
      sent['X-API-Key'] = this.apiKey;
    }
    const controller = new AbortController();
    const outer = requestOptions.abortSignal;
    const onAbort = () => controller.abort(outer.reason);
    if (outer) {
      if (outer.aborted) {
        controller.abort(outer.reason);
      } else {
        outer.addEventListener('abort', onAbort, { once: true });
      }
    }
    const timer = this.timeout > 0
      ? setTimeout(() => controller.abort(new DOMException(`no reply within ${this.timeout} ms`, 'TimeoutError')), this.timeout)
      : undefined;
    try {
      const response = await this.fetch(url, { method, headers: sent, signal: controller.signal });
      const body = await response.text();
      const replyHeaders = {};
      response.headers.forEach((value, name) => {
        replyHeaders[name.toLowerCase()] = value;
      });
      let result;
      if (body !== '' && (replyHeaders['content-type'] ?? '').includes('json')) {
        try {
          result = JSON.parse(body);
        } catch {
          result = undefined;
        }
      }
      if (response.status < 200 || response.status > 299) {
        throw new ApiError(response.status, replyHeaders, body, result);
      }
      return { result, statusCode: response.status, headers: replyHeaders, body };
    } finally {
      if (timer !== undefined) {
        clearTimeout(timer);
      }
      outer?.removeEventListener('abort', onAbort);
    }
  }
}

function required(name, value) {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`${name} is required (a non-empty string)`);
  }
}

/** The liveness step of an identity flow. */
export class LivenessController {
  /** @param {Client} client */
  constructor(client) {
    if (!(client instanceof Client)) {
      throw new TypeError('LivenessController needs a Client');
    }
    this.client = client;
  }

  #call(method, action, clientId, stepId, sessionId, requestOptions) {
    required('clientId', clientId);
    required('stepId', stepId);
    required('sessionId', sessionId);
    return this.client.request(method, `/v1/identity-flow/liveness/${action}`,
      { query: { step_id: stepId }, headers: { 'Client-Id': clientId, 'Session-Id': sessionId } }, requestOptions);
  }

  /** Creates (or returns) the step's liveness session: its capture token and challenges. */
  async livenessInitPOST(clientId, stepId, sessionId, requestOptions) {
    return this.#call('POST', 'init', clientId, stepId, sessionId, requestOptions);
  }

  /** The step's verdict once the capture finished (409 LIVENESS_IN_PROGRESS before). */
  async livenessVerifyPOST(clientId, stepId, sessionId, requestOptions) {
    return this.#call('POST', 'verify', clientId, stepId, sessionId, requestOptions);
  }

  /** Everything about the step's verification: challenges, times, checks, capture mode. */
  async livenessDetailsGET(clientId, stepId, sessionId, requestOptions) {
    return this.#call('GET', 'details', clientId, stepId, sessionId, requestOptions);
  }
}
