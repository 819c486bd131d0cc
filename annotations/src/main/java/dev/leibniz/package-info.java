/** The annotations a Leibniz user writes: {@link dev.leibniz.Differentiable}, {@link dev.leibniz.CustomJvp}, {@link dev.leibniz.CustomVjp} and {@link dev.leibniz.NonDiff}. */
package dev.leibniz;
