/**
 * The Leibniz runtime: the types generated derivative code and custom rules use ({@link
 * dev.leibniz.runtime.Dual}, {@link dev.leibniz.runtime.Jvp}, {@link dev.leibniz.runtime.Fwd}),
 * {@link dev.leibniz.runtime.Leibniz}, the reverse-mode {@link dev.leibniz.runtime.Tape}, and {@link
 * dev.leibniz.runtime.Primal}, which the processor writes for later compilations. No
 * dependencies beyond the JDK.
 */
package dev.leibniz.runtime;
