package dev.leibniz.processor.ir;

/** Where an IR node came from, so later passes can report errors on the user's line. */
public interface SourceRef {
  SourceRef NONE = new SourceRef() {
    @Override
    public String toString() {
      return "<generated>";
    }
  };
}
