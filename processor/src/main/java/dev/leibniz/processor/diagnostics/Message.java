package dev.leibniz.processor.diagnostics;

import java.util.List;
import java.util.Locale;

/** One diagnostic with its arguments: what the processor prints, once it knows where. */
public record Message(Diagnostic diagnostic, List<String> args) {
  /** Starts every message the processor prints; added here and nowhere else. */
  public static final String PREFIX = "leibniz: ";

  public Message {
    args = List.copyOf(args);
  }

  /** The text the user reads. */
  public String text() {
    return PREFIX + sentence();
  }

  /** The text without the prefix, to quote inside another message. */
  public String sentence() {
    return String.format(Locale.ROOT, diagnostic.template(), args.toArray());
  }

  public String arg(int i) {
    return args.get(i);
  }

  @Override
  public String toString() {
    return text();
  }
}
