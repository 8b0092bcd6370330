package org.openliveness.engine.onnx;

/** A model could not be loaded or run: missing file, wrong checksum, wrong inputs or outputs, runtime failure. */
public final class ModelException extends RuntimeException {

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
