/** Model loading: the bundled or an operator's model manifest, models named by {@link org.openliveness.engine.onnx.ModelId}, hashes and input/output names checked, one ONNX Runtime session per model. */
package org.openliveness.engine.onnx;
