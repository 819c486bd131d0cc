package dev.leibniz.processor.transform;

import dev.leibniz.processor.ir.SourceRef;

/** A program the transforms cannot differentiate; reported at {@code source}. */
public final class TransformException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient SourceRef source;

  public TransformException(SourceRef source, String message) {
    super(message.startsWith("leibniz:") ? message : "leibniz: " + message, null, false, false);
    this.source = source;
  }

  public SourceRef source() {
    return source;
  }
}
