package dev.leibniz.it;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Colon-form switch cases that a user trial found uncompiled: a case whose code cannot end normally
 * without ending in a plain jump (a braced block, an if/else, a loop or a switch ending in break,
 * return or continue) had the next case's code appended, which javac rejected as unreachable; a
 * {@code break} under an {@code if} before a fall-through left a local declared without a value
 * "not initialized" in the reverse forms, whose flags javac cannot see through. Each method is
 * checked against its closed form and by {@link Checker} (every form, finite differences), at
 * second order against its closed-form second derivative.
 */
class SwitchCasesTest {
  private static final String SOURCE = """
      package dev.leibniz.sw;

      import dev.leibniz.Differentiable;

      @SuppressWarnings("fallthrough")
      public final class Cases {
        @Differentiable(order = 2)
        public static double blockBreak(int mode, double x) {
          double v;
          switch (mode) {
            case 0: {
              v = x * x;
              break;
            }
            default:
              v = 3 * x;
          }
          return v;
        }

        @Differentiable(order = 2)
        public static double blockReturn(int mode, double x) {
          switch (mode) {
            case 0: {
              return x * x;
            }
            default:
              return 3 * x;
          }
        }

        // nested braces, and an if/else whose both branches break
        @Differentiable(order = 2)
        public static double ifElseBreaks(int mode, double x) {
          double v;
          switch (mode) {
            case 0: {
              {
                v = x * x;
              }
              if (x > 1) {
                v = v * x;
                break;
              } else {
                v = v + x;
                break;
              }
            }
            case 1:
              v = Math.sin(x);
              break;
            default: {
              v = 3 * x;
            }
          }
          return v;
        }

        // a loop that only a return leaves, a do loop whose body returns, a switch whose every case returns
        @Differentiable(order = 2)
        public static double loopsAndSwitches(int mode, double x) {
          switch (mode) {
            case 0:
              while (true) {
                if (x < 1) {
                  return x * x;
                }
                x = x / 2;
              }
            case 1:
              do {
                return x * x * x;
              } while (x > 0);
            case 2:
              switch (mode + 1) {
                case 3:
                  return Math.exp(x);
                default:
                  return x;
              }
            default:
              return 3 * x;
          }
        }

        @Differentiable(order = 2)
        public static double breakThenFallThrough(int mode, double r) {
          double v;
          switch (mode) {
            case 0:
              if (r <= 1) {
                v = r * r;
                break;
              }
              // fall through
            default:
              v = 3 * r;
          }
          return v;
        }

        // the same inside a loop, a continue in braces
        @Differentiable(order = 2)
        public static double inLoop(double x) {
          double s = 0;
          for (int i = 0; i < 4; i++) {
            double v;
            switch (i) {
              case 0: {
                s += x;
                continue;
              }
              case 1:
                if (x > 0) {
                  v = x * x;
                  break;
                }
              case 2: {
                v = x * x * x;
                break;
              }
              default:
                v = Math.sin(x);
            }
            s += v;
          }
          return s;
        }

        // the loop's break and the return leave their locals unassigned on the flagged paths
        @Differentiable(order = 2)
        public static double loopBreakAndReturn(double x) {
          double v;
          for (int i = 1; ; i++) {
            if (x * i > 2) {
              v = x * i;
              break;
            }
          }
          double w;
          if (x > 0) {
            if (x > 5) {
              return v;
            }
            w = x;
          } else {
            w = -x;
          }
          return v * v + w * w * w;
        }

        @Differentiable(order = 2)
        public static double yieldInBlock(int mode, double x) {
          double v = switch (mode) {
            case 0: {
              yield x * x;
            }
            default:
              yield 3 * x;
          };
          return v;
        }
      }
      """;

  private static Class<?> cases;

  @BeforeAll
  static void compile() {
    TestCompiler.Result r =
        TestCompiler.compileOrFail(Map.of("dev.leibniz.sw.Cases", SOURCE), List.of("-Xlint:all", "-Werror"));
    cases = r.load("dev.leibniz.sw.Cases");
  }

  /**
   * At {@code args} ({@code mode, x} or {@code x}), d/dx and d2/dx2 of {@code name} are {@code
   * first} and {@code second}; every form agrees.
   */
  private static void check(String name, double first, double second, Object... args) {
    Checker.checkFirstAndSecond(cases, name, first, second, args);
  }

  @Test
  void caseInBracesEndingInBreak() {
    check("blockBreak", 3, 2, 0, 1.5); // x^2
    check("blockBreak", 3, 0, 1, 1.5); // 3x
  }

  @Test
  void caseInBracesEndingInReturn() {
    check("blockReturn", 3, 2, 0, 1.5);
    check("blockReturn", 3, 0, 1, 1.5);
  }

  @Test
  void caseEndingInAnIfElseThatBreaksOnBothBranches() {
    check("ifElseBreaks", 3 * 1.5 * 1.5, 6 * 1.5, 0, 1.5); // x^3
    check("ifElseBreaks", 2 * 0.5 + 1, 2, 0, 0.5); // x^2 + x
    check("ifElseBreaks", Math.cos(0.5), -Math.sin(0.5), 1, 0.5);
    check("ifElseBreaks", 3, 0, 2, 0.5);
  }

  @Test
  void caseEndingInALoopOrSwitchThatCannotEndNormally() {
    check("loopsAndSwitches", 0.75, 0.5, 0, 1.5); // (x/2)^2 = x^2/4
    check("loopsAndSwitches", 1, 2, 0, 0.5); // x^2
    check("loopsAndSwitches", 3 * 0.25, 3, 1, 0.5); // x^3
    check("loopsAndSwitches", Math.exp(0.5), Math.exp(0.5), 2, 0.5);
    check("loopsAndSwitches", 3, 0, 3, 0.5);
  }

  @Test
  void breakUnderAnIfThenFallThrough() {
    check("breakThenFallThrough", 1, 2, 0, 0.5); // r^2
    check("breakThenFallThrough", 3, 0, 0, 1.5); // 3r
    check("breakThenFallThrough", 3, 0, 1, 0.5);
  }

  @Test
  void casesInALoop() {
    // s = x + x^2 + x^3 + sin x for x > 0; s = x + x^3 + x^3 + sin x for x <= 0
    check("inLoop", 1 + 2 * 0.5 + 3 * 0.25 + Math.cos(0.5), 2 + 6 * 0.5 - Math.sin(0.5), 0.5);
    check("inLoop", 1 + 6 * 0.25 + Math.cos(-0.5), 12 * -0.5 - Math.sin(-0.5), -0.5);
  }

  @Test
  void localsAssignedBeforeABreakOrAfterAReturnGuard() {
    // x = 0.7: the loop stops at i = 3, v = 3x; f = 9x^2 + x^3
    check("loopBreakAndReturn", 18 * 0.7 + 3 * 0.49, 18 + 6 * 0.7, 0.7);
    // x = 6: i = 1, returns v = x
    check("loopBreakAndReturn", 1, 0, 6.0);
  }

  @Test
  void yieldInABracedCase() {
    check("yieldInBlock", 3, 2, 0, 1.5);
    check("yieldInBlock", 3, 0, 1, 1.5);
  }
}
