#!/usr/bin/env node
// Runs faceplugin-face-recognition-js@0.0.1's own lib/fr_liveness.js — with the OpenCV.js the
// package ships (js/opencv.js + js/opencv_js.wasm) and onnxruntime-web — on generated images and
// face boxes, and records what the package's code crops, feeds and computes, for the engine's
// golden test (FrLivenessGoldenTest). See README.md in this folder.
//
//   usage: node make-golden.mjs [packageDir] [outFile]
//     packageDir default ../../.cache/npm/faceplugin-face-recognition-js-0.0.1/package
//     outFile    default ../../engine/src/test/resources/goldens/fr_liveness.json

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire, register } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const packageDir = path.resolve(process.argv[2] || path.join(here, '../../.cache/npm/faceplugin-face-recognition-js-0.0.1/package'));
const outFile = path.resolve(process.argv[3] || path.join(here, '../../engine/src/test/resources/goldens/fr_liveness.json'));
const libDir = path.join(packageDir, 'lib');

// The package's lib/*.js are ES modules written for a bundler: extensionless relative imports
// ('./fr_pose') in a package without "type": "module", and its dependencies are not installed next
// to it. This hook resolves './x' to './x.js' inside lib/, the bare names onnxruntime-web, ndarray
// and ndarray-ops to the copies installed here (the same instances this script uses), and loads
// lib/ as ES modules; the package's code is not changed.
const libUrl = pathToFileURL(libDir + path.sep).href;
// onnxruntime-web's node entry is CommonJS whose named exports node cannot detect: a one-line ES
// module re-exports them.
const ortUrl = 'data:text/javascript,' + encodeURIComponent(
  `import ort from ${JSON.stringify(pathToFileURL(require.resolve('onnxruntime-web')).href)};`
  + ' export const { InferenceSession, Tensor, env } = ort; export default ort;');
const bare = {
  'onnxruntime-web': ortUrl,
  ndarray: pathToFileURL(require.resolve('ndarray')).href,
  'ndarray-ops': pathToFileURL(require.resolve('ndarray-ops')).href,
};
const hook = `
const lib = ${JSON.stringify(libUrl)};
const bare = ${JSON.stringify(bare)};
export async function resolve(specifier, context, next) {
  if (context.parentURL && context.parentURL.startsWith(lib)) {
    if (Object.prototype.hasOwnProperty.call(bare, specifier)) return { url: bare[specifier], shortCircuit: true };
    if (specifier.startsWith('./') && !specifier.endsWith('.js')) return next(specifier + '.js', context);
  }
  return next(specifier, context);
}
export async function load(url, context, next) {
  if (url.startsWith(lib)) return { ...(await next(url, { ...context, format: 'module' })), format: 'module', shortCircuit: true };
  return next(url, context);
}`;
register('data:text/javascript,' + encodeURIComponent(hook));

// ------------------------------------------------------------------ OpenCV.js as the package ships it
// Resolves to { cv }: the module object itself is a thenable (Emscripten's Module.then), which a
// promise would try to adopt.
async function loadOpenCv() {
  const jsDir = path.join(packageDir, 'js');
  return new Promise((resolve) => {
    const holder = {};
    globalThis.Module = {
      wasmBinary: fs.readFileSync(path.join(jsDir, 'opencv_js.wasm')),
      onRuntimeInitialized: () => resolve(holder),
    };
    holder.cv = require(path.join(jsDir, 'opencv.js'));
  });
}

// ------------------------------------------------------------------ the generated image
// xorshift32 (as tools/goldens), state s0 = (0x9E3779B9 ^ seed) >>> 0; each step's top 8 bits are
// one noise byte. Pixel (x, y), channel c (R, G, B), row-major, channels in order:
//   value = (gradient_c + noise) >> 1, gradient_R = floor(255·x/(W−1)), gradient_G = floor(255·y/(H−1)),
//   gradient_B = floor(255·(x+y)/(W+H−2)).
function makeImage(width, height, seed) {
  let s = (0x9E3779B9 ^ seed) >>> 0;
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const g = [Math.floor(255 * x / (width - 1)), Math.floor(255 * y / (height - 1)),
        Math.floor(255 * (x + y) / (width + height - 2))];
      for (let c = 0; c < 3; c++) {
        s ^= s << 13; s >>>= 0;
        s ^= s >>> 17;
        s ^= s << 5; s >>>= 0;
        rgb[(y * width + x) * 3 + c] = (g[c] + (s >>> 24)) >> 1;
      }
    }
  }
  return rgb;
}

// What a browser canvas gives cv.imread: RGBA. With bgr, R and B are swapped (what OpenCV's own
// imread gives, and the order the engine feeds the model).
function canvasMat(cv, rgb, width, height, bgr) {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba[4 * i] = rgb[3 * i + (bgr ? 2 : 0)];
    rgba[4 * i + 1] = rgb[3 * i + 1];
    rgba[4 * i + 2] = rgb[3 * i + (bgr ? 0 : 2)];
    rgba[4 * i + 3] = 255;
  }
  const mat = new cv.Mat(height, width, cv.CV_8UC4);
  mat.data.set(rgba);
  return mat;
}

const CASES = [
  { image: { width: 320, height: 240, seed: 1 }, box: [130.6, 80.2, 190.9, 150.7], note: 'the 2.7x crop fits inside' },
  { image: { width: 320, height: 240, seed: 1 }, box: [5.2, 3.9, 75.5, 80.1], note: 'shifted right and down into the image' },
  { image: { width: 320, height: 240, seed: 1 }, box: [250.3, 170.8, 318.2, 239.0], note: 'shifted left and up into the image' },
  { image: { width: 400, height: 257, seed: 2 }, box: [150, 70, 250, 170], note: 'limited by the height to 256x256: OpenCV halves by 2x2 means' },
  { image: { width: 64, height: 48, seed: 3 }, box: [10.9, 8.1, 50.5, 44.7], note: 'small image: limited by its size, enlarged to 128' },
  { image: { width: 250, height: 250, seed: 4 }, box: [-12.5, 30.4, 240.2, 290.8], note: 'a box leaving the image, as a face filling a crop' },
];

function f32Base64(values) {
  const buf = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => buf.writeFloatLE(v, i * 4));
  return buf.toString('base64');
}

async function main() {
  const { cv } = await loadOpenCv();
  globalThis.cv = cv;
  const ort = (await import(ortUrl)).default;
  ort.env.wasm.numThreads = 1;
  const { predictLiveness } = await import(pathToFileURL(path.join(libDir, 'fr_liveness.js')).href);
  const modelFile = path.join(packageDir, 'model', 'fr_liveness.onnx');
  const session = await ort.InferenceSession.create(fs.readFileSync(modelFile), { executionProviders: ['wasm'] });

  const cases = [];
  for (const c of CASES) {
    const rgb = makeImage(c.image.width, c.image.height, c.image.seed);
    for (const channels of ['RGB', 'BGR']) {
      let rect = null;
      let fed = null;
      let logits = null;
      // The package reads the picture with cv.imread(canvas); here imread returns the generated
      // picture, and records the rectangle the package's alignLivenessImage cuts out.
      cv.imread = () => {
        const mat = canvasMat(cv, rgb, c.image.width, c.image.height, channels === 'BGR');
        const roi = mat.roi.bind(mat);
        mat.roi = (r) => { rect = [r.x, r.y, r.width, r.height]; return roi(r); };
        return mat;
      };
      const recording = {
        run: async (feeds) => {
          fed = Array.from(feeds.input.data);
          const out = await session.run(feeds);
          logits = Array.from(out.output.data);
          return out;
        },
      };
      const bbox = { shape: [1, 4], data: c.box };
      const log = console.log;
      console.log = () => {};
      const result = await predictLiveness(recording, 'canvas', bbox);
      console.log = log;
      if (fed.some((v) => !Number.isInteger(v) || v < 0 || v > 255)) throw new Error('expected integer 0..255 inputs');
      cases.push({
        note: c.note,
        image: c.image,
        box: c.box,
        channels,
        crop: rect,
        inputShape: [1, 3, 128, 128],
        // The whole tensor as bytes (every value is an integer 0..255), by its hash; every 16th value
        // kept to show where a difference lies.
        inputSha256: crypto.createHash('sha256').update(Uint8Array.from(fed)).digest('hex'),
        inputSum: fed.reduce((a, b) => a + b, 0),
        inputEvery16thBase64: Buffer.from(Uint8Array.from(fed.filter((_, i) => i % 16 === 0))).toString('base64'),
        logits,
        logitsF32Base64: f32Base64(logits),
        live: result[0][4],
      });
    }
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  const ortVersion = JSON.parse(fs.readFileSync(require.resolve('onnxruntime-web/package.json'), 'utf8')).version;
  const golden = {
    model: 'fr_liveness',
    source: `${pkg.name}@${pkg.version} model/fr_liveness.onnx, fed by its lib/fr_liveness.js predictLiveness()`,
    generator: `tools/fr-liveness/make-golden.mjs: OpenCV.js ${cv.getBuildInformation().match(/OpenCV (\S+)/)[1]} from the package, onnxruntime-web ${ortVersion} (wasm, 1 thread)`,
    image: 'xorshift32 noise over gradients, see make-golden.mjs makeImage()',
    cases,
  };
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify(golden, null, 1) + '\n');
  console.log(`wrote ${outFile}: ${cases.length} cases`);
  for (const c of cases) console.log(`  ${c.channels} ${JSON.stringify(c.box)} crop ${JSON.stringify(c.crop)} live ${c.live.toFixed(6)} logits ${c.logits.map((v) => v.toFixed(4))}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
