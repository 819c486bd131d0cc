package dev.leibniz.processor.transform;

import dev.leibniz.processor.diagnostics.Message;
import dev.leibniz.processor.ir.SourceRef;

/** A program the transforms cannot differentiate; reported at {@code source}. */
public final class TransformException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient SourceRef source;
  private final transient Message message;

  public TransformException(SourceRef source, Message message) {
    super(message.text(), null, false, false);
    this.source = source;
    this.message = message;
  }

  public Message message() {
    return message;
  }

  public SourceRef source() {
    return source;
  }
}
