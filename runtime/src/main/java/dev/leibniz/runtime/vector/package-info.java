/**
 * What the batched forms ({@code FooVectorized}, JAX {@code vmap}) need at run time: argument
 * checks, the availability check for {@code jdk.incubator.vector}, and the split of large arrays
 * across threads. Nothing here touches {@code jdk.incubator.vector}: the generated kernels that do
 * are loaded only after {@link dev.leibniz.runtime.vector.Batch#VECTORIZED} said the module is
 * there, so this package loads and works on a JVM without it.
 */
package dev.leibniz.runtime.vector;
