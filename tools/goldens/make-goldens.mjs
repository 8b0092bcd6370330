#!/usr/bin/env node
// Generates golden reference outputs with TensorFlow.js (pure-JS @tensorflow/tfjs, CPU backend)
// for the models that OpenLiveness converts to ONNX.
//
//   usage: node make-goldens.mjs [packagesDir] [outDir]
//     packagesDir  default ../../.cache/npm   (holds vladmandic-human-3.3.6/ and vladmandic-face-api-1.7.15/)
//     outDir       default ../../models/src/test/resources/goldens
//
// See README.md in this folder for the PRNG definition and the fixture format.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire, register } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

// face-api's dist/face-api.esm-nobundle.js imports '@tensorflow/tfjs/dist/index.js',
// '@tensorflow/tfjs-backend-webgl/dist/index.js' and '@tensorflow/tfjs-backend-wasm/dist/index.js'
// (bundler-style ESM entry points that plain node cannot load). This resolve hook maps them to the
// node entry points of the SAME packages installed here, so face-api and this script share one tfjs
// engine; the wasm backend is not installed and not used, so it is mapped to an empty module.
// face-api's own code is loaded unmodified.
const tfjsUrl = pathToFileURL(require.resolve('@tensorflow/tfjs')).href;
const webglUrl = pathToFileURL(require.resolve('@tensorflow/tfjs-backend-webgl')).href;
const hook = `
const map = {
  '@tensorflow/tfjs/dist/index.js': ${JSON.stringify(tfjsUrl)},
  '@tensorflow/tfjs-backend-webgl/dist/index.js': ${JSON.stringify(webglUrl)},
  '@tensorflow/tfjs-backend-wasm/dist/index.js': 'data:text/javascript,export%20%7B%7D',
};
export async function resolve(specifier, context, next) {
  if (Object.prototype.hasOwnProperty.call(map, specifier)) return { url: map[specifier], shortCircuit: true };
  return next(specifier, context);
}`;
register('data:text/javascript,' + encodeURIComponent(hook));

const tf = require('@tensorflow/tfjs');

const packagesDir = path.resolve(process.argv[2] || path.join(here, '../../.cache/npm'));
const outDir = path.resolve(process.argv[3] || path.join(here, '../../models/src/test/resources/goldens'));
const humanDir = path.join(packagesDir, 'vladmandic-human-3.3.6', 'package');
const faceApiDir = path.join(packagesDir, 'vladmandic-face-api-1.7.15', 'package');

const SEED = 12345;
const MAX_FLOATS = 100000; // outputs larger than this are stored with a stride

// ---------------------------------------------------------------- deterministic input
// xorshift32, state uint32, s0 = (0x9E3779B9 ^ seed) >>> 0; next() in [0,1) with 24 random bits.
export function makeRng(seed) {
  let s = (0x9E3779B9 ^ seed) >>> 0;
  return function next() {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return (s >>> 8) / 16777216;
  };
}

// element i (NHWC row-major) = Math.fround(lo + (hi - lo) * next())
export function makeInput(shape, lo, hi, seed) {
  const n = shape.reduce((a, b) => a * b, 1);
  const next = makeRng(seed);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = Math.fround(lo + (hi - lo) * next());
  return data;
}

function inputCheck(data) {
  let sum = 0;
  for (let i = 0; i < Math.min(1000, data.length); i++) sum += data[i];
  return { inputChecksum: sum, inputFirst: Array.from(data.slice(0, 8)) };
}

function f32Base64(arr) {
  const f = Float32Array.from(arr);
  const buf = Buffer.alloc(f.length * 4);
  for (let i = 0; i < f.length; i++) buf.writeFloatLE(f[i], i * 4);
  return buf.toString('base64');
}

function stats(values) {
  let min = Infinity; let max = -Infinity; let sum = 0; let nan = 0;
  for (const v of values) {
    if (Number.isNaN(v)) { nan++; continue; }
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { min, max, mean: sum / (values.length - nan || 1), nanCount: nan };
}

function encodeOutput(entry, values) {
  const n = values.length;
  const stride = n > MAX_FLOATS ? Math.ceil(n / MAX_FLOATS) : 1;
  const kept = stride === 1 ? values : values.filter((_, i) => i % stride === 0);
  const out = { ...entry, count: n };
  if (stride !== 1) out.stride = stride; // stored values are elements 0, k, 2k, ... of the flat output
  out.stats = stats(values);
  out.valuesF32Base64 = f32Base64(kept);
  return out;
}

function writeFixture(name, obj) {
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, name);
  fs.writeFileSync(file, JSON.stringify(obj, null, 2) + '\n');
  console.log(`wrote ${path.relative(process.cwd(), file)} (${fs.statSync(file).size} bytes)`);
}

// ---------------------------------------------------------------- file:// loader for graph models
function readModelArtifacts(modelJsonPath) {
  const json = JSON.parse(fs.readFileSync(modelJsonPath, 'utf8'));
  const dir = path.dirname(modelJsonPath);
  const weightSpecs = [];
  const buffers = [];
  for (const group of json.weightsManifest) {
    for (const p of group.paths) buffers.push(fs.readFileSync(path.join(dir, p)));
    weightSpecs.push(...group.weights);
  }
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return {
    json,
    artifacts: {
      modelTopology: json.modelTopology,
      format: json.format,
      generatedBy: json.generatedBy,
      convertedBy: json.convertedBy,
      signature: json.signature,
      userDefinedMetadata: json.userDefinedMetadata,
      modelInitializer: json.modelInitializer,
      weightSpecs,
      weightData,
    },
  };
}

// Value ranges as @vladmandic/human 3.3.6 feeds each model (see README.md for the source lines).
// `extra`: internal (non-output) nodes also recorded, under "extraOutputs", e.g. pre-softmax logits,
// because the softmax/sigmoid outputs of a random input can be saturated and hide errors.
const HUMAN_MODELS = [
  { model: 'blazeface', lo: -1, hi: 1 },   // src/face/blazeface.ts: resized(0..255) / 127.5 - 1
  { model: 'facemesh', lo: 0, hi: 1 },     // src/face/facemeshutil.ts cutAndResize: crop / 255
  { model: 'iris', lo: 0, hi: 1 },         // src/face/iris.ts: crops of the 0..1 face tensor
  { model: 'emotion', lo: -1, hi: 1,       // src/gear/emotion.ts: (grayscale(0..1) - 0.5) * 2
    extra: ['StatefulPartitionedCall/model_1/global_average_pooling2d_1/Mean'] },
  { model: 'antispoof', lo: 0, hi: 1,      // src/face/antispoof.ts: resizeBilinear of 0..1 face tensor
    extra: ['StatefulPartitionedCall/sequential/dense_1/BiasAdd'] },
  { model: 'liveness', lo: 0, hi: 1,       // src/face/liveness.ts: resizeBilinear of 0..1 face tensor
    extra: ['StatefulPartitionedCall/sequential_1/dense_2/BiasAdd'] },
  { model: 'faceres', lo: 0, hi: 255,      // src/face/faceres.ts enhance(): resizeBilinear(0..1) * 255
    extra: ['gender_pred/BiasAdd', 'age_pred/BiasAdd'] },
];

function dims(tensorShape) {
  return (tensorShape?.dim || []).map((d) => Number(d.size));
}

async function runHumanModel({ model, lo, hi, extra = [] }) {
  const rel = `models/${model}.json`;
  const { json, artifacts } = readModelArtifacts(path.join(humanDir, rel));
  const graph = await tf.loadGraphModel(tf.io.fromMemory(artifacts));

  const nodes = json.modelTopology.node;
  const placeholders = nodes.filter((n) => n.op === 'Placeholder');
  if (placeholders.length !== 1) throw new Error(`${model}: expected one Placeholder, got ${placeholders.length}`);
  const ph = placeholders[0];
  const phShape = dims(ph.attr?.shape?.shape);
  const shape = phShape.map((d) => (d < 0 ? 1 : d)); // batch -1 -> 1

  const signature = json.signature || json.userDefinedMetadata?.signature;
  let outputs;
  if (signature?.outputs) {
    outputs = Object.entries(signature.outputs).map(([key, o]) => ({
      name: key, node: o.name.replace(/:0$/, ''), tensor: o.name, signatureShape: dims(o.tensorShape),
    }));
  } else {
    outputs = graph.outputNodes.map((n) => ({ name: n, node: n.replace(/:0$/, ''), tensor: n }));
  }
  const sigInput = signature?.inputs ? Object.entries(signature.inputs)[0] : null;

  const data = makeInput(shape, lo, hi, SEED);
  const input = tf.tensor(data, shape, 'float32');
  const t0 = Date.now();
  const res = graph.execute({ [ph.name]: input }, [...outputs.map((o) => o.tensor), ...extra]);
  const resArr = Array.isArray(res) ? res : [res];
  const encoded = [];
  for (let i = 0; i < outputs.length; i++) {
    const t = resArr[i];
    const values = Array.from(await t.data());
    const { signatureShape, tensor, ...entry } = outputs[i];
    encoded.push(encodeOutput({ ...entry, shape: t.shape, dtype: t.dtype }, values));
  }
  const extraEncoded = [];
  for (let i = 0; i < extra.length; i++) {
    const t = resArr[outputs.length + i];
    const op = nodes.find((n) => n.name === extra[i]).op;
    extraEncoded.push(encodeOutput({ name: extra[i], node: extra[i], op, shape: t.shape, dtype: t.dtype }, Array.from(await t.data())));
  }
  const ms = Date.now() - t0;
  tf.dispose([input, ...resArr]);
  graph.dispose();

  const fixture = {
    model,
    source: `@vladmandic/human@3.3.6 ${rel}`,
    generator: `@tensorflow/tfjs@${tf.version.tfjs} backend=${tf.getBackend()} (tools/goldens/make-goldens.mjs)`,
    seed: SEED,
    input: {
      name: ph.name,
      signatureName: sigInput ? sigInput[0] : undefined,
      modelShape: phShape,
      shape,
      lo,
      hi,
    },
    ...inputCheck(data),
    outputs: encoded,
    ...(extraEncoded.length ? { extraOutputs: extraEncoded } : {}),
  };
  writeFixture(`${model}.json`, fixture);
  console.log(`  ${model}: ${ms} ms, outputs ${encoded.map((o) => `${o.name}[${o.shape}]`).join(' ')}`);
}

// ---------------------------------------------------------------- face-api recognition net
// Independent re-implementation with tf ops of face-api src/faceRecognitionNet (used only as a
// cross-check that the architecture documented in README.md is what face-api runs).
function crossCheckRecognition(w, x) {
  return tf.tidy(() => {
    const convLayer = (inp, p, stride, relu, pad) => {
      let o = tf.conv2d(inp, w[`${p}/conv/filters`], stride, pad);
      o = tf.add(o, w[`${p}/conv/bias`]);
      o = tf.add(tf.mul(o, w[`${p}/scale/weights`]), w[`${p}/scale/biases`]);
      return relu ? tf.relu(o) : o;
    };
    const residual = (inp, p) => tf.relu(tf.add(convLayer(convLayer(inp, `${p}/conv1`, 1, true, 'same'), `${p}/conv2`, 1, false, 'same'), inp));
    const residualDown = (inp, p) => {
      let o = convLayer(inp, `${p}/conv1`, 2, true, 'valid');
      o = convLayer(o, `${p}/conv2`, 1, false, 'same');
      let pooled = tf.avgPool(inp, 2, 2, 'valid');
      if (pooled.shape[1] !== o.shape[1]) o = tf.pad(o, [[0, 0], [0, 1], [0, 1], [0, 0]]); // zero row bottom, zero col right
      if (pooled.shape[3] !== o.shape[3]) pooled = tf.pad(pooled, [[0, 0], [0, 0], [0, 0], [0, o.shape[3] - pooled.shape[3]]]);
      return tf.relu(tf.add(pooled, o));
    };
    let o = tf.div(tf.sub(x, tf.tensor1d([122.782, 117.001, 104.298])), 255);
    o = convLayer(o, 'conv32_down', 2, true, 'valid');
    o = tf.maxPool(o, 3, 2, 'valid');
    for (const p of ['conv32_1', 'conv32_2', 'conv32_3']) o = residual(o, p);
    o = residualDown(o, 'conv64_down');
    for (const p of ['conv64_1', 'conv64_2', 'conv64_3']) o = residual(o, p);
    o = residualDown(o, 'conv128_down');
    for (const p of ['conv128_1', 'conv128_2']) o = residual(o, p);
    o = residualDown(o, 'conv256_down');
    for (const p of ['conv256_1', 'conv256_2']) o = residual(o, p);
    o = residualDown(o, 'conv256_down_out');
    return tf.matMul(tf.mean(o, [1, 2]), w.fc);
  });
}

async function runFaceApiRecognition() {
  const faceapi = await import(pathToFileURL(path.join(faceApiDir, 'dist', 'face-api.esm-nobundle.js')).href);
  if (faceapi.tf.engine() !== tf.engine()) throw new Error('face-api does not share the tfjs engine');
  await faceapi.tf.setBackend('cpu');
  await faceapi.tf.ready();

  // same path as face-api NeuralNetwork.loadFromDisk(): tf.io.weightsLoaderFactory(readFile)(manifest, dir)
  const modelDir = path.join(faceApiDir, 'model');
  const manifestRel = 'model/face_recognition_model-weights_manifest.json';
  const manifest = JSON.parse(fs.readFileSync(path.join(faceApiDir, manifestRel), 'utf8'));
  const fetchWeightsFromDisk = (filePaths) => Promise.all(filePaths.map((fp) => {
    const b = fs.readFileSync(fp);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  }));
  const loadWeights = tf.io.weightsLoaderFactory(fetchWeightsFromDisk);
  const weightMap = await loadWeights(manifest, modelDir);
  const net = new faceapi.FaceRecognitionNet();
  // keep our own copies for the cross-check: loadFromWeightMap disposes unused entries only
  const weights = {};
  for (const [k, v] of Object.entries(weightMap)) weights[k] = tf.clone(v);
  net.loadFromWeightMap(weightMap);

  const shape = [1, 150, 150, 3];
  const lo = 0;
  const hi = 255;
  const data = makeInput(shape, lo, hi, SEED);
  const input = tf.tensor4d(data, shape, 'float32');
  const t0 = Date.now();
  const descriptor = await net.computeFaceDescriptor(input); // Float32Array(128)
  const ms = Date.now() - t0;
  const values = Array.from(descriptor);

  const check = crossCheckRecognition(weights, input);
  const checkVals = await check.data();
  let maxDiff = 0;
  for (let i = 0; i < values.length; i++) maxDiff = Math.max(maxDiff, Math.abs(values[i] - checkVals[i]));
  if (maxDiff > 1e-4) throw new Error(`face-api cross-check differs: ${maxDiff}`);
  tf.dispose([input, check, ...Object.values(weights)]);

  // byte layout of face_recognition_model.bin: entries back to back in manifest order;
  // uint8-quantized entries take 1 byte per element, plain float32 entries 4 bytes (little-endian)
  const ws = manifest.flatMap((g) => g.weights);
  let byteOffset = 0;
  const layout = ws.map((w) => {
    const n = w.shape.reduce((a, b) => a * b, 1);
    const bytesPer = w.quantization ? { uint8: 1, uint16: 2, float16: 2 }[w.quantization.dtype] : 4;
    const entry = { byteOffset, byteLength: n * bytesPer };
    byteOffset += n * bytesPer;
    return entry;
  });
  const binSize = fs.statSync(path.join(modelDir, manifest[0].paths[0])).size;
  if (manifest.length !== 1 || manifest[0].paths.length !== 1 || byteOffset !== binSize) throw new Error(`unexpected weight layout ${byteOffset} vs ${binSize}`);
  const fixture = {
    model: 'face_recognition_model',
    source: `@vladmandic/face-api@1.7.15 ${manifestRel} (+ face_recognition_model.bin), net = face-api's own FaceRecognitionNet (dist/face-api.esm-nobundle.js)`,
    generator: `@tensorflow/tfjs@${tf.version.tfjs} backend=${tf.getBackend()} (tools/goldens/make-goldens.mjs)`,
    seed: SEED,
    input: {
      name: 'input',
      shape,
      lo,
      hi,
      note: 'raw RGB 0..255 NHWC; the net itself computes (x - [122.782, 117.001, 104.298]) / 255',
    },
    ...inputCheck(data),
    outputs: [encodeOutput({ name: 'descriptor', node: 'fc (matMul of global average pool)', shape: [1, 128], dtype: 'float32' }, values)],
    crossCheckMaxAbsDiff: maxDiff,
    weightsFile: `model/${manifest[0].paths[0]}`,
    weightsNote: 'uint8 entries dequantize as float32(q * scale + min) (tf.io.decodeWeights); entries without quantization are raw float32 LE',
    weights: ws.map((w, i) => ({
      name: w.name,
      shape: w.shape,
      dtype: w.dtype,
      ...(w.quantization ? { quantization: w.quantization } : {}),
      ...layout[i],
    })),
  };
  writeFixture('faceapi-recognition.json', fixture);
  console.log(`  face_recognition_model: ${ms} ms, descriptor[0..3] ${values.slice(0, 4).join(', ')}; cross-check max |diff| ${maxDiff}`);
}

// ---------------------------------------------------------------- main
async function main() {
  await tf.setBackend('cpu');
  await tf.ready();
  console.log(`tfjs ${tf.version.tfjs}, backend ${tf.getBackend()}; packages ${packagesDir}; out ${outDir}`);
  const only = process.env.GOLDENS_ONLY ? process.env.GOLDENS_ONLY.split(',') : null;
  for (const m of HUMAN_MODELS) {
    if (!only || only.includes(m.model)) await runHumanModel(m);
  }
  if (!only || only.includes('faceapi-recognition')) await runFaceApiRecognition();
}

main().catch((e) => { console.error(e); process.exit(1); });
