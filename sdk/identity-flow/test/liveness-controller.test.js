// The seed-000 SDK against a running OpenLiveness: `node --test test/liveness-controller.test.js` with
//   OPENLIVENESS_BASE_URL   the service, e.g. http://127.0.0.1:8080
//   OPENLIVENESS_API_KEY    a key with the `liveness` scope
//   OPENLIVENESS_CLIENT_ID  the key's tenant name (the flow session's clientId)
//   OPENLIVENESS_SESSION_ID a Session-Id of that tenant, with no liveness step yet, whose steps ask
//                           TURN_LEFT, SMILE and OPEN_MOUTH
//   OPENLIVENESS_PHOTOS_DIR frontal.jpg and one <CHALLENGE_TYPE>.jpg per challenge type, of one live person
// The server's Java test (IdentityFlowSdkTest) starts the service, creates these and runs this file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError, Client, DEFAULT_TIMEOUT_MS, LivenessController } from '../liveness-controller.js';

const env = (name) => {
  const value = process.env[name];
  assert.ok(value, `${name} must be set`);
  return value;
};
const baseUrl = env('OPENLIVENESS_BASE_URL');
const apiKey = env('OPENLIVENESS_API_KEY');
const clientId = env('OPENLIVENESS_CLIENT_ID');
const sessionId = env('OPENLIVENESS_SESSION_ID');
const photosDir = env('OPENLIVENESS_PHOTOS_DIR');

const livenessController = new LivenessController(new Client({ baseUrl, apiKey, timeout: 60000 }));
const stepId = 'liveness-1';

/** The error a call rejected with, asserted to be an ApiError. */
async function apiError(call) {
  try {
    await call();
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${error}`);
    return error;
  }
  assert.fail('the call succeeded');
}

async function upload(path, fields, fileField, fileName) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    form.append(name, value);
  }
  form.append(fileField, new Blob([await readFile(join(photosDir, fileName))], { type: 'image/jpeg' }), fileName);
  const response = await fetch(`${baseUrl}/v1/verifications/liveness/${path}`, { method: 'POST', body: form });
  const body = await response.json();
  assert.equal(response.status, 200, JSON.stringify(body));
  return body;
}

test('the module exports the seed\'s class and methods with its signatures', async () => {
  assert.equal(typeof LivenessController, 'function');
  for (const method of ['livenessInitPOST', 'livenessVerifyPOST', 'livenessDetailsGET']) {
    assert.equal(typeof livenessController[method], 'function', method);
    assert.equal(livenessController[method].length, 4, `${method}(clientId, stepId, sessionId, requestOptions?)`);
  }
  assert.equal(DEFAULT_TIMEOUT_MS, 30000);
  assert.throws(() => new LivenessController({}), TypeError);
  assert.throws(() => new Client({}), TypeError);
  await assert.rejects(() => livenessController.livenessInitPOST(clientId, '', sessionId), TypeError);
});

let init;

test('livenessInitPOST creates the step\'s liveness session, then returns the same one', async () => {
  const { result, ...httpResponse } = await livenessController.livenessInitPOST(clientId, stepId, sessionId);
  assert.equal(httpResponse.statusCode, 200);
  assert.match(httpResponse.headers['content-type'], /application\/json/);
  assert.equal(result.step_id, stepId);
  assert.equal(result.status, 'IN_PROGRESS');
  assert.equal(result.created, true);
  assert.match(result.captureToken, /^ses_/);
  assert.match(result.livenessSessionId, /^[0-9a-f-]{36}$/);
  assert.ok(Date.parse(result.expiresAt) > Date.now(), result.expiresAt);
  assert.deepEqual(result.challenges.map((c) => c.type).sort(), ['OPEN_MOUTH', 'SMILE', 'TURN_LEFT'], 'the flow session\'s challenge types');
  for (const c of result.challenges) {
    assert.match(c.id, /^ch_/);
    assert.ok(c.instruction.length > 0);
  }
  init = result;

  const again = await livenessController.livenessInitPOST(clientId, stepId, sessionId);
  assert.equal(again.result.created, false);
  assert.equal(again.result.livenessSessionId, init.livenessSessionId);
  assert.equal(again.result.captureToken, init.captureToken);
  assert.deepEqual(again.result.challenges, init.challenges);
});

test('livenessVerifyPOST before the capture finished is an ApiError 409 LIVENESS_IN_PROGRESS', async () => {
  const error = await apiError(() => livenessController.livenessVerifyPOST(clientId, stepId, sessionId));
  assert.equal(error.statusCode, 409);
  assert.equal(error.result.code, 'LIVENESS_IN_PROGRESS');
  assert.equal(error.result.status, 409);
  assert.match(error.result.message, /0 of \d challenges/);
  assert.match(error.headers['content-type'], /application\/json/);
});

test('after the capture, livenessVerifyPOST gives the verdict and livenessDetailsGET everything', async () => {
  await upload('reference-selfie', { sessionToken: init.captureToken }, 'selfie', 'frontal.jpg');
  let last;
  for (const c of init.challenges) {
    last = await upload('challenge', { sessionToken: init.captureToken, challengeId: c.id }, 'photo', `${c.type}.jpg`);
  }
  assert.equal(last.status, 'COMPLETED', JSON.stringify(last));

  const { result, statusCode } = await livenessController.livenessVerifyPOST(clientId, stepId, sessionId);
  assert.equal(statusCode, 200);
  assert.equal(result.step_id, stepId);
  assert.equal(result.livenessSessionId, init.livenessSessionId);
  assert.equal(result.status, 'COMPLETED');
  assert.equal(result.isAlive, true, JSON.stringify(result));
  assert.equal(result.failureReason, null);
  assert.ok(result.confidence > 0.5 && result.confidence <= 1, String(result.confidence));
  assert.ok(result.faceMatchScore > 0.9, String(result.faceMatchScore));
  assert.ok(Date.parse(result.verifiedAt) <= Date.now());
  const again = await livenessController.livenessVerifyPOST(clientId, stepId, sessionId);
  assert.equal(again.result.verifiedAt, result.verifiedAt, 'the first verification time is kept');

  const details = (await livenessController.livenessDetailsGET(clientId, stepId, sessionId)).result;
  assert.equal(details.step_id, stepId);
  assert.equal(details.livenessSessionId, init.livenessSessionId);
  assert.equal(details.status, 'COMPLETED');
  assert.equal(details.verifiedAt, result.verifiedAt);
  assert.equal(details.referenceSelfie, true);
  assert.equal(details.challengesCompleted, init.challenges.length);
  assert.equal(details.challengesTotal, init.challenges.length);
  assert.deepEqual(details.challenges.map((c) => [c.id, c.status, c.attempts, c.captureMode]),
    init.challenges.map((c) => [c.id, 'MET', 1, 'PHOTO']));
  assert.ok(Date.parse(details.createdAt) <= Date.parse(details.completedAt));
  assert.equal(details.result.isAlive, true);
  assert.equal(details.result.captureMode, 'PHOTO');
  assert.ok(details.result.antiSpoofScore > 0.5);
  assert.ok(details.result.checks.length > 0);
  assert.ok(details.result.checks.every((c) => ['PASS', 'NOT_APPLICABLE'].includes(c.status)), JSON.stringify(details.result.checks));

  const after = (await livenessController.livenessInitPOST(clientId, stepId, sessionId)).result;
  assert.equal(after.status, 'COMPLETED');
  assert.equal(after.captureToken, null, 'no capture token once the capture is over');
  assert.equal(after.created, false);
});

test('a key of another client than Client-Id is the seed\'s 400 Invalid Api Key', async () => {
  for (const call of ['livenessInitPOST', 'livenessVerifyPOST', 'livenessDetailsGET']) {
    const error = await apiError(() => livenessController[call]('another-client', stepId, sessionId));
    assert.equal(error.statusCode, 400, call);
    assert.equal(error.result.code, 'INVALID_API_KEY');
    assert.match(error.result.message, /^Invalid Api Key/);
  }
  const keyless = new LivenessController(new Client({ baseUrl }));
  const error = await apiError(() => keyless.livenessDetailsGET(clientId, stepId, sessionId));
  assert.equal(error.statusCode, 400);
  assert.equal(error.result.code, 'INVALID_API_KEY');
});

test('an unknown Session-Id is 404 SESSION_NOT_FOUND, an unknown step 404 STEP_NOT_FOUND', async () => {
  const unknown = await apiError(() => livenessController.livenessInitPOST(clientId, stepId, 'ifs_unknown'));
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.result.code, 'SESSION_NOT_FOUND');
  const step = await apiError(() => livenessController.livenessDetailsGET(clientId, 'never-initialised', sessionId));
  assert.equal(step.statusCode, 404);
  assert.equal(step.result.code, 'STEP_NOT_FOUND');
});

test('requestOptions.abortSignal cancels a call and the client\'s timeout ends one', async () => {
  const aborted = new AbortController();
  aborted.abort();
  await assert.rejects(() => livenessController.livenessDetailsGET(clientId, stepId, sessionId, { abortSignal: aborted.signal }),
    (e) => !(e instanceof ApiError) && e.name === 'AbortError');
  const never = (url, init) => new Promise((resolve, reject) => {
    init.signal.addEventListener('abort', () => reject(init.signal.reason));
  });
  const slow = new LivenessController(new Client({ baseUrl, apiKey, timeout: 50, fetch: never }));
  await assert.rejects(() => slow.livenessInitPOST(clientId, stepId, sessionId), (e) => e.name === 'TimeoutError');
});
