package dev.lanewise.kernels.internal.vector;

import static dev.lanewise.kernels.internal.FloatExp.C2;
import static dev.lanewise.kernels.internal.FloatExp.C3;
import static dev.lanewise.kernels.internal.FloatExp.C4;
import static dev.lanewise.kernels.internal.FloatExp.C5;
import static dev.lanewise.kernels.internal.FloatExp.C6;
import static dev.lanewise.kernels.internal.FloatExp.FLUSH_BELOW;
import static dev.lanewise.kernels.internal.FloatExp.LN2_HI;
import static dev.lanewise.kernels.internal.FloatExp.LN2_LO;
import static dev.lanewise.kernels.internal.FloatExp.LOG2E;
import static dev.lanewise.kernels.internal.FloatExp.ROUNDING_BIAS;

import static dev.lanewise.kernels.internal.ScalarActivationKernels.GELU_CLAMP;
import static dev.lanewise.kernels.internal.ScalarActivationKernels.GELU_Q0;
import static dev.lanewise.kernels.internal.ScalarActivationKernels.GELU_Q1;
import static dev.lanewise.kernels.internal.ScalarActivationKernels.GELU_Q2;
import static dev.lanewise.kernels.internal.ScalarActivationKernels.GELU_Q3;
import static dev.lanewise.kernels.internal.ScalarActivationKernels.GELU_Q4;
import static dev.lanewise.kernels.internal.ScalarActivationKernels.GELU_Q5;
import static dev.lanewise.kernels.internal.ScalarActivationKernels.GELU_Q6;
import static dev.lanewise.kernels.internal.ScalarActivationKernels.GELU_Q7;
import static dev.lanewise.kernels.internal.ScalarActivationKernels.GELU_Q8;
import static dev.lanewise.kernels.internal.ScalarActivationKernels.GELU_Q9;
import static dev.lanewise.kernels.internal.ScalarActivationKernels.GELU_TANH_3B;
import static dev.lanewise.kernels.internal.ScalarActivationKernels.GELU_TANH_A_HI;
import static dev.lanewise.kernels.internal.ScalarActivationKernels.GELU_TANH_A_LO;
import static dev.lanewise.kernels.internal.ScalarActivationKernels.GELU_TANH_B_HI;
import static dev.lanewise.kernels.internal.ScalarActivationKernels.GELU_TANH_B_LO;
import static dev.lanewise.kernels.internal.ScalarActivationKernels.GELU_T_INVERSE_SCALE;
import static dev.lanewise.kernels.internal.ScalarActivationKernels.GELU_T_SCALE;
import static dev.lanewise.kernels.internal.ScalarActivationKernels.INV_SQRT_2PI;
import static dev.lanewise.kernels.internal.ScalarActivationKernels.SILU_FLUSHED_X;
import static dev.lanewise.kernels.internal.ScalarActivationKernels.TANH_SATURATION;

import dev.lanewise.kernels.internal.ActivationKernels;
import dev.lanewise.kernels.internal.ScalarActivationKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The activation kernels on Vector API lanes. Each loop walks full vectors up to
 * {@code SPECIES.loopBound(length)} and finishes the last {@code length % lanes} elements with
 * the scalar twin, which computes exactly what a lane would.
 */
public final class VectorActivationKernels implements ActivationKernels {

    static final VectorActivationKernels INSTANCE = new VectorActivationKernels();

    // snippet: species-fields
    private static final VectorSpecies<Float> SPECIES = Species.FLOAT;
    private static final VectorSpecies<Integer> INT_SPECIES = VectorSpecies.of(int.class, SPECIES.vectorShape());
    private static final int LANES = SPECIES.length();
    private static final long ALL_LANES = (1L << LANES) - 1;
    // end-snippet

    /** Chosen once per JDK by {@link VectorStrategies}: relu on lanes, or the scalar loop. */
    static final boolean RELU_ON_LANES = VectorStrategies.reluOnLanes();
    /** How the keep-mask bits are gathered: {@code VectorMask.toLong()} or an OR-reduction. */
    static final boolean MASK_BITS_BY_TO_LONG = VectorStrategies.maskBitsByToLong();
    /** Chosen once per JDK and width by {@link VectorStrategies}: leaky ReLU's factor from the sign bit, or a blend. */
    static final boolean LEAKY_RELU_BY_SIGN_BIT = VectorStrategies.leakyReluBySignBit();

    /**
     * {@code BIT_OF_ELEMENT[k] = 1 << (k & 31)}: loaded as an int vector at k = j * LANES, lane i
     * holds the bit of element j * LANES + i within its 32-bit half of the 64-bit mask word.
     */
    private static final int[] BIT_OF_ELEMENT = new int[64];

    static {
        for (int k = 0; k < 64; k++) {
            BIT_OF_ELEMENT[k] = 1 << (k & 31);
        }
    }

    private VectorActivationKernels() {}

    // snippet: relu-vector
    @Override
    public void relu(float[] x, int xOffset, float[] y, int yOffset, int length) {
        if (!RELU_ON_LANES) {
            ScalarActivationKernels.INSTANCE.relu(x, xOffset, y, yOffset, length);
            return;
        }
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + i);
            // compare + blend, not max(): Java's max must order NaN and -0, which costs C2 a
            // few extra instructions on x86, while "v <= 0 ? 0 : v" is exactly one of each.
            v.blend(0f, v.compare(VectorOperators.LE, 0f)).intoArray(y, yOffset + i);
        }
        for (; i < length; i++) {
            float v = x[xOffset + i];
            y[yOffset + i] = v <= 0 ? 0f : v;
        }
    }
    // end-snippet

    @Override
    public void relu(float[] x, int xOffset, float[] y, int yOffset, long[] mask, int length) {
        int i = 0;
        for (int fullWords = length & ~63; i < fullWords; i += 64) {
            mask[i >>> 6] = MASK_BITS_BY_TO_LONG
                    ? reluWordByToLong(x, xOffset + i, y, yOffset + i)
                    : reluWordByReduction(x, xOffset + i, y, yOffset + i);
        }
        ScalarActivationKernels.reluWithMask(x, xOffset, y, yOffset, mask, i, length);
    }

    /**
     * relu of 64 elements; each vector's keep lanes become its bits of the word via toLong().
     * Public (in this internal package) so that PortingPatternsBenchmark measures this code and
     * not a copy, as it does {@link #reluWordByReduction}.
     */
    // snippet: mask-tolong
    public static long reluWordByToLong(float[] x, int xIndex, float[] y, int yIndex) {
        long word = 0;
        for (int j = 0; j < 64; j += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xIndex + j);
            VectorMask<Float> drop = v.compare(VectorOperators.LE, 0f);
            v.blend(0f, drop).intoArray(y, yIndex + j);
            word |= (drop.toLong() ^ ALL_LANES) << j; // keep = not drop, in this vector's LANES bits
        }
        return word;
    }
    // end-snippet

    /**
     * relu of 64 elements; the keep bits are gathered without {@code toLong()} (slow, and
     * allocating, on JDK 17): one 32-bit half word at a time, see {@link #reluHalfWord}.
     */
    public static long reluWordByReduction(float[] x, int xIndex, float[] y, int yIndex) {
        int low = reluHalfWord(x, xIndex, y, yIndex, 0);
        int high = reluHalfWord(x, xIndex, y, yIndex, 32);
        return (low & 0xFFFF_FFFFL) | ((long) high << 32);
    }

    /**
     * relu of elements {@code first ... first + 31} of a 64-element block, returning their keep
     * bits. Lane i of vector j contributes {@code 1 << (j + i) % 32} to an int accumulator and one
     * OR-reduction collapses the lanes. The bits come from arithmetic, not from a mask: the relu
     * output is +0 (all bits clear) exactly where the element was dropped, and positive or NaN
     * (some bit set) where it was kept, and {@code (b | -b) >> 31} turns "some bit set" into all
     * ones. (JDK 17 boxed the same idea written with compare and blend on int masks.)
     */
    // snippet: mask-reduction
    private static int reluHalfWord(float[] x, int xIndex, float[] y, int yIndex, int first) {
        IntVector bits = IntVector.zero(INT_SPECIES);
        for (int j = first; j < first + 32; j += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xIndex + j);
            FloatVector out = v.blend(0f, v.compare(VectorOperators.LE, 0f));
            out.intoArray(y, yIndex + j);
            IntVector outBits = out.reinterpretAsInts();
            IntVector kept = outBits.or(outBits.neg()).lanewise(VectorOperators.ASHR, 31);
            bits = bits.or(kept.and(IntVector.fromArray(INT_SPECIES, BIT_OF_ELEMENT, j)));
        }
        return bits.reduceLanes(VectorOperators.OR);
    }
    // end-snippet

    @Override
    public void reluBackward(float[] dy, int dyOffset, long[] mask, float[] dx, int dxOffset, int length) {
        int i = 0;
        for (int fullWords = length & ~63; i < fullWords; i += 64) {
            long word = mask[i >>> 6];
            reluBackwardHalfWord((int) word, dy, dyOffset + i, dx, dxOffset + i, 0);
            reluBackwardHalfWord((int) (word >>> 32), dy, dyOffset + i, dx, dxOffset + i, 32);
        }
        ScalarActivationKernels.reluBackwardWithMask(dy, dyOffset, mask, dx, dxOffset, i, length);
    }

    /**
     * dx = bit ? dy : 0 for the 32 elements {@code first ... first + 31} of a 64-element block:
     * the half word is broadcast to every lane and each lane tests its own bit. The blend runs
     * on the float bits as ints, so no mask has to change lane type.
     */
    private static void reluBackwardHalfWord(int halfWord, float[] dy, int dyIndex, float[] dx, int dxIndex, int first) {
        IntVector broadcastBits = IntVector.broadcast(INT_SPECIES, halfWord);
        for (int j = first; j < first + 32; j += LANES) {
            IntVector bitOfLane = IntVector.fromArray(INT_SPECIES, BIT_OF_ELEMENT, j);
            VectorMask<Integer> kept = broadcastBits.and(bitOfLane).compare(VectorOperators.NE, 0);
            IntVector gradient = FloatVector.fromArray(SPECIES, dy, dyIndex + j).reinterpretAsInts();
            IntVector.zero(INT_SPECIES).blend(gradient, kept).reinterpretAsFloats().intoArray(dx, dxIndex + j);
        }
    }

    @Override
    public void reluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + i);
            FloatVector gradient = FloatVector.fromArray(SPECIES, dy, dyOffset + i);
            // "x > 0 ? dy : 0" is "dy unless !(x > 0)": NaN in x drops the gradient, as in scalar.
            gradient.blend(0f, v.compare(VectorOperators.GT, 0f).not()).intoArray(dx, dxOffset + i);
        }
        for (; i < length; i++) {
            dx[dxOffset + i] = x[xOffset + i] > 0 ? dy[dyOffset + i] : 0f;
        }
    }

    /**
     * sigmoid(x) = (x > 0 ? 1 : e) / (1 + e) with e = exp(-|x|) in (0, 1]: both branches of the
     * logistic function from one exp that cannot overflow (as XNNPACK's f32 sigmoid kernels do).
     * For x > 0 this is 1 / (1 + exp(-x)); for x <= 0 it is exp(x) / (1 + exp(x)), the same value.
     * The exp is {@link VectorExp}'s polynomial written out in the loop body, not called: a vector
     * helper that C2 has already compiled on its own is "too big" to inline, and every vector
     * passed to it is then boxed (seen at 512 bits: 49 KB per call of 4099 elements).
     */
    // snippet: sigmoid-vector
    @Override
    public void sigmoid(float[] x, int xOffset, float[] y, int yOffset, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + i);
            FloatVector z = v.lanewise(VectorOperators.ABS).neg();
            FloatVector e;
            if (VectorExp.USE_LIBRARY_EXP) {
                e = z.lanewise(VectorOperators.EXP);
            } else {
                FloatVector t = z.fma(LOG2E, ROUNDING_BIAS);
                FloatVector n = t.sub(ROUNDING_BIAS);
                FloatVector r = n.fma(z.broadcast(-LN2_HI), z);
                r = n.fma(z.broadcast(-LN2_LO), r);
                FloatVector r2 = r.mul(r);
                FloatVector q = r2.fma(r2.fma(z.broadcast(C6), r.fma(C5, C4)), r.fma(C3, C2));
                FloatVector p = r2.fma(q, r.add(1f));
                FloatVector twoToTheN = t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
                e = p.mul(twoToTheN).blend(0f, z.compare(VectorOperators.LT, FLUSH_BELOW));
            }
            FloatVector numerator = e.blend(1f, v.compare(VectorOperators.GT, 0f));
            numerator.div(e.add(1f)).intoArray(y, yOffset + i);
        }
        for (; i < length; i++) {
            y[yOffset + i] = sigmoid(x[xOffset + i]);
        }
    }
    // end-snippet

    /** The scalar twin of one lane of {@link #sigmoid(float[], int, float[], int, int)}, for the tail. */
    static float sigmoid(float x) {
        float e = VectorExp.expNonPositive(-Math.abs(x));
        float numerator = x > 0 ? 1f : e;
        return numerator / (1f + e);
    }

    @Override
    public void sigmoidBackward(float[] y, int yOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector out = FloatVector.fromArray(SPECIES, y, yOffset + i);
            FloatVector gradient = FloatVector.fromArray(SPECIES, dy, dyOffset + i);
            // Same operations, same order as the scalar loop: dy * y first, then * (1 - y).
            gradient.mul(out).mul(out.neg().add(1f)).intoArray(dx, dxOffset + i);
        }
        for (; i < length; i++) {
            float out = y[yOffset + i];
            dx[dxOffset + i] = dy[dyOffset + i] * out * (1f - out);
        }
    }

    /**
     * How {@link #tanh}, and both GELUs where they give x's sign to the clamped |x|, put the sign
     * of x back: see {@link VectorStrategies#signByBlend()}. In the GELUs' long loop bodies the
     * int form also once left 4 vectors per iteration boxed on JDK 17 at 512 bits (98 KB per call
     * of 4099 elements in a CI run of {@code AllocationTest}; not reproduced in isolation): the
     * blend is fewer operations for C2 to inline.
     */
    private static final boolean SIGN_BY_BLEND = VectorStrategies.signByBlend();

    /**
     * tanh on lanes: {@link ScalarActivationKernels#tanh(float)} operation for operation, with
     * {@link dev.lanewise.kernels.internal.FloatExp#expm1NonPositive}'s reduction and polynomial
     * written out in the loop (for the reason given at {@link #sigmoid}). Lanes with |x| above the
     * saturation point get 1 by a blend at the end (what their exps computed is dropped), so no
     * flush to zero is needed; the sign of x goes onto the non-negative magnitude last (see
     * {@link #SIGN_BY_BLEND}).
     */
    // snippet: tanh-vector
    @Override
    public void tanh(float[] x, int xOffset, float[] y, int yOffset, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + i);
            FloatVector a = v.lanewise(VectorOperators.ABS);
            FloatVector z = a.mul(-2f);
            FloatVector t = z.fma(LOG2E, ROUNDING_BIAS);
            FloatVector n = t.sub(ROUNDING_BIAS);
            FloatVector r = n.fma(z.broadcast(-LN2_HI), z);
            r = n.fma(z.broadcast(-LN2_LO), r);
            FloatVector r2 = r.mul(r);
            FloatVector q = r2.fma(r2.fma(z.broadcast(C6), r.fma(C5, C4)), r.fma(C3, C2));
            FloatVector pMinusOne = r2.fma(q, r);
            FloatVector twoToTheN = t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector m = pMinusOne.fma(twoToTheN, twoToTheN.sub(1f));
            FloatVector magnitude = z.broadcast(0f).sub(m).div(m.add(2f))
                    .blend(1f, a.compare(VectorOperators.GT, TANH_SATURATION));
            FloatVector signed;
            if (SIGN_BY_BLEND) { // magnitude ≥ +0, so neg() is the sign bit set; -0 tests negative
                signed = magnitude.blend(magnitude.neg(), v.test(VectorOperators.IS_NEGATIVE));
            } else {
                signed = magnitude.reinterpretAsInts()
                        .or(v.reinterpretAsInts().and(0x8000_0000))
                        .reinterpretAsFloats();
            }
            signed.intoArray(y, yOffset + i);
        }
        for (; i < length; i++) {
            y[yOffset + i] = ScalarActivationKernels.tanh(x[xOffset + i]);
        }
    }
    // end-snippet

    @Override
    public void tanhBackward(float[] y, int yOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector out = FloatVector.fromArray(SPECIES, y, yOffset + i);
            FloatVector gradient = FloatVector.fromArray(SPECIES, dy, dyOffset + i);
            FloatVector oneMinusSquare = out.neg().fma(out, out.broadcast(1f)); // Math.fma(-y, y, 1)
            gradient.mul(oneMinusSquare).intoArray(dx, dxOffset + i);
        }
        for (; i < length; i++) {
            float out = y[yOffset + i];
            dx[dxOffset + i] = dy[dyOffset + i] * Math.fma(-out, out, 1f);
        }
    }

    /**
     * SiLU on lanes: {@link ScalarActivationKernels#silu(float)} operation for operation, sigmoid's
     * exp written out in the loop.
     */
    @Override
    public void silu(float[] x, int xOffset, float[] y, int yOffset, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + i);
            FloatVector z = v.lanewise(VectorOperators.ABS).neg();
            FloatVector t = z.fma(LOG2E, ROUNDING_BIAS);
            FloatVector n = t.sub(ROUNDING_BIAS);
            FloatVector r = n.fma(z.broadcast(-LN2_HI), z);
            r = n.fma(z.broadcast(-LN2_LO), r);
            FloatVector r2 = r.mul(r);
            FloatVector q = r2.fma(r2.fma(z.broadcast(C6), r.fma(C5, C4)), r.fma(C3, C2));
            FloatVector p = r2.fma(q, r.add(1f));
            FloatVector twoToTheN = t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            VectorMask<Float> flushed = z.compare(VectorOperators.LT, FLUSH_BELOW);
            FloatVector e = p.mul(twoToTheN).blend(0f, flushed);
            FloatVector finiteX = v.blend(SILU_FLUSHED_X, flushed); // the flush's mask, reused
            FloatVector numerator = finiteX.mul(e).blend(v, v.compare(VectorOperators.GT, 0f));
            numerator.div(e.add(1f)).intoArray(y, yOffset + i);
        }
        for (; i < length; i++) {
            y[yOffset + i] = ScalarActivationKernels.silu(x[xOffset + i]);
        }
    }

    /** SiLU's gradient on lanes: {@link ScalarActivationKernels#siluDerivative(float)} times dy. */
    @Override
    public void siluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + i);
            FloatVector z = v.lanewise(VectorOperators.ABS).neg();
            FloatVector t = z.fma(LOG2E, ROUNDING_BIAS);
            FloatVector n = t.sub(ROUNDING_BIAS);
            FloatVector r = n.fma(z.broadcast(-LN2_HI), z);
            r = n.fma(z.broadcast(-LN2_LO), r);
            FloatVector r2 = r.mul(r);
            FloatVector q = r2.fma(r2.fma(z.broadcast(C6), r.fma(C5, C4)), r.fma(C3, C2));
            FloatVector p = r2.fma(q, r.add(1f));
            FloatVector twoToTheN = t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            VectorMask<Float> flushed = z.compare(VectorOperators.LT, FLUSH_BELOW);
            FloatVector e = p.mul(twoToTheN).blend(0f, flushed);
            FloatVector one = z.broadcast(1f);
            VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
            FloatVector denominator = e.add(1f);
            FloatVector s = e.blend(one, positive).div(denominator);
            FloatVector oneMinusS = one.blend(e, positive).div(denominator);
            FloatVector finiteX = v.blend(SILU_FLUSHED_X, flushed);
            FloatVector derivative = s.mul(finiteX.fma(oneMinusS, one));
            FloatVector.fromArray(SPECIES, dy, dyOffset + i).mul(derivative).intoArray(dx, dxOffset + i);
        }
        for (; i < length; i++) {
            dx[dxOffset + i] = dy[dyOffset + i] * ScalarActivationKernels.siluDerivative(x[xOffset + i]);
        }
    }

    /**
     * GELU on lanes: {@link ScalarActivationKernels#gelu(float)} operation for operation, with the
     * exp's reduction and polynomial and the tail ratio's polynomial written out in the loop (a
     * helper taking or returning vectors is boxed once C2 compiles it on its own; see
     * {@link #sigmoid}).
     */
    // snippet: gelu-vector
    @Override
    public void gelu(float[] x, int xOffset, float[] y, int yOffset, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + i);
            FloatVector one = v.broadcast(1f);
            FloatVector u = v.lanewise(VectorOperators.ABS);
            u = u.blend(GELU_CLAMP, u.compare(VectorOperators.GT, GELU_CLAMP));
            // g = exp(-u²/2): exp of the rounded square, times 1 - l/2 for its rounding error l
            FloatVector h = u.mul(u);
            FloatVector l = u.fma(u, h.neg());
            FloatVector z = h.mul(-0.5f);
            FloatVector et = z.fma(LOG2E, ROUNDING_BIAS);
            FloatVector en = et.sub(ROUNDING_BIAS);
            FloatVector er = en.fma(z.broadcast(-LN2_HI), z);
            er = en.fma(z.broadcast(-LN2_LO), er);
            FloatVector er2 = er.mul(er);
            FloatVector eq = er2.fma(er2.fma(z.broadcast(C6), er.fma(C5, C4)), er.fma(C3, C2));
            FloatVector ep = er2.fma(eq, er.add(1f));
            FloatVector twoToTheN = et.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector e = ep.mul(twoToTheN).blend(0f, z.compare(VectorOperators.LT, FLUSH_BELOW));
            FloatVector g = e.fma(l.mul(-0.5f), e);
            // r = exp(u²/2)·Φ(-u) = t·Q(t), t = 1 / (1 + cu), with t's rounding put back to first order
            FloatVector d = u.fma(GELU_T_SCALE, 1f);
            FloatVector dl = u.fma(z.broadcast(GELU_T_SCALE), one.sub(d));
            FloatVector t = one.div(d);
            FloatVector rem = t.neg().fma(d, one);
            FloatVector q = t.fma(GELU_Q9, GELU_Q8);
            q = q.fma(t, z.broadcast(GELU_Q7));
            q = q.fma(t, z.broadcast(GELU_Q6));
            q = q.fma(t, z.broadcast(GELU_Q5));
            q = q.fma(t, z.broadcast(GELU_Q4));
            q = q.fma(t, z.broadcast(GELU_Q3));
            q = q.fma(t, z.broadcast(GELU_Q2));
            q = q.fma(t, z.broadcast(GELU_Q1));
            q = q.fma(t, z.broadcast(GELU_Q0));
            FloatVector r = t.mul(q);
            FloatVector slope = u.neg().fma(r, z.broadcast(INV_SQRT_2PI)).mul(d.mul(GELU_T_INVERSE_SCALE));
            r = slope.fma(t.neg().fma(dl, rem), r);
            // x <= 0: x·Φ(-u); x > 0: x - x·Φ(-u), with x clamped to [-14, 14] where it meets g
            FloatVector signedU = SIGN_BY_BLEND ? u.blend(u.neg(), v.test(VectorOperators.IS_NEGATIVE))
                    : u.reinterpretAsInts().or(v.reinterpretAsInts().and(0x8000_0000)).reinterpretAsFloats();
            FloatVector xr = signedU.mul(r);
            xr.mul(g).blend(xr.neg().fma(g, v), v.compare(VectorOperators.GT, 0f)).intoArray(y, yOffset + i);
        }
        for (; i < length; i++) {
            y[yOffset + i] = ScalarActivationKernels.gelu(x[xOffset + i]);
        }
    }
    // end-snippet

    /** GELU's gradient on lanes: {@link ScalarActivationKernels#geluDerivative(float)} times dy. */
    @Override
    public void geluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + i);
            FloatVector one = v.broadcast(1f);
            FloatVector u = v.lanewise(VectorOperators.ABS);
            u = u.blend(GELU_CLAMP, u.compare(VectorOperators.GT, GELU_CLAMP));
            FloatVector h = u.mul(u);
            FloatVector l = u.fma(u, h.neg());
            FloatVector z = h.mul(-0.5f);
            FloatVector et = z.fma(LOG2E, ROUNDING_BIAS);
            FloatVector en = et.sub(ROUNDING_BIAS);
            FloatVector er = en.fma(z.broadcast(-LN2_HI), z);
            er = en.fma(z.broadcast(-LN2_LO), er);
            FloatVector er2 = er.mul(er);
            FloatVector eq = er2.fma(er2.fma(z.broadcast(C6), er.fma(C5, C4)), er.fma(C3, C2));
            FloatVector ep = er2.fma(eq, er.add(1f));
            FloatVector twoToTheN = et.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector e = ep.mul(twoToTheN).blend(0f, z.compare(VectorOperators.LT, FLUSH_BELOW));
            FloatVector g = e.fma(l.mul(-0.5f), e);
            FloatVector d = u.fma(GELU_T_SCALE, 1f);
            FloatVector dl = u.fma(z.broadcast(GELU_T_SCALE), one.sub(d));
            FloatVector t = one.div(d);
            FloatVector rem = t.neg().fma(d, one);
            FloatVector q = t.fma(GELU_Q9, GELU_Q8);
            q = q.fma(t, z.broadcast(GELU_Q7));
            q = q.fma(t, z.broadcast(GELU_Q6));
            q = q.fma(t, z.broadcast(GELU_Q5));
            q = q.fma(t, z.broadcast(GELU_Q4));
            q = q.fma(t, z.broadcast(GELU_Q3));
            q = q.fma(t, z.broadcast(GELU_Q2));
            q = q.fma(t, z.broadcast(GELU_Q1));
            q = q.fma(t, z.broadcast(GELU_Q0));
            FloatVector r = t.mul(q);
            FloatVector slope = u.neg().fma(r, z.broadcast(INV_SQRT_2PI)).mul(d.mul(GELU_T_INVERSE_SCALE));
            r = slope.fma(t.neg().fma(dl, rem), r);
            // x <= 0: g·(r + x/√(2π)); x > 0: 1 + g·(x/√(2π) - r)
            VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
            FloatVector clamped = SIGN_BY_BLEND ? u.blend(u.neg(), v.test(VectorOperators.IS_NEGATIVE))
                    : u.reinterpretAsInts().or(v.reinterpretAsInts().and(0x8000_0000)).reinterpretAsFloats();
            FloatVector inner = clamped.fma(z.broadcast(INV_SQRT_2PI), r.blend(r.neg(), positive));
            FloatVector derivative = g.mul(inner).blend(g.fma(inner, one), positive);
            FloatVector.fromArray(SPECIES, dy, dyOffset + i).mul(derivative).intoArray(dx, dxOffset + i);
        }
        for (; i < length; i++) {
            dx[dxOffset + i] = dy[dyOffset + i] * ScalarActivationKernels.geluDerivative(x[xOffset + i]);
        }
    }

    /**
     * The tanh form of GELU on lanes: {@link ScalarActivationKernels#geluTanh(float)} operation
     * for operation, |z| in double-float and the exp written out in the loop.
     */
    @Override
    public void geluTanh(float[] x, int xOffset, float[] y, int yOffset, int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + i);
            FloatVector u = v.lanewise(VectorOperators.ABS);
            u = u.blend(GELU_CLAMP, u.compare(VectorOperators.GT, GELU_CLAMP));
            // |z| = u·(A + B·u²) = zh + zl
            FloatVector s = u.mul(u);
            FloatVector sl = u.fma(u, s.neg());
            FloatVector bs = s.mul(GELU_TANH_B_HI);
            FloatVector bsl = s.fma(u.broadcast(GELU_TANH_B_HI), bs.neg());
            FloatVector aHi = u.broadcast(GELU_TANH_A_HI);
            FloatVector q = bs.add(aHi);
            FloatVector qv = q.sub(aHi);
            FloatVector qe = aHi.sub(q.sub(qv)).add(bs.sub(qv));
            FloatVector ql = sl.fma(u.broadcast(GELU_TANH_B_HI), s.fma(GELU_TANH_B_LO, GELU_TANH_A_LO)).add(bsl).add(qe);
            FloatVector zh = u.mul(q);
            FloatVector zl = u.fma(ql, u.fma(q, zh.neg()));
            // g = exp(-zh)·(1 - zl)
            FloatVector z = zh.neg();
            FloatVector et = z.fma(LOG2E, ROUNDING_BIAS);
            FloatVector en = et.sub(ROUNDING_BIAS);
            FloatVector er = en.fma(z.broadcast(-LN2_HI), z);
            er = en.fma(z.broadcast(-LN2_LO), er);
            FloatVector er2 = er.mul(er);
            FloatVector eq = er2.fma(er2.fma(z.broadcast(C6), er.fma(C5, C4)), er.fma(C3, C2));
            FloatVector ep = er2.fma(eq, er.add(1f));
            FloatVector twoToTheN = et.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector e = ep.mul(twoToTheN).blend(0f, z.compare(VectorOperators.LT, FLUSH_BELOW));
            FloatVector g = e.fma(zl.neg(), e);
            // SiLU's form: (x > 0 ? x : x·g) / (1 + g), x clamped where it meets g
            FloatVector clamped = SIGN_BY_BLEND ? u.blend(u.neg(), v.test(VectorOperators.IS_NEGATIVE))
                    : u.reinterpretAsInts().or(v.reinterpretAsInts().and(0x8000_0000)).reinterpretAsFloats();
            FloatVector numerator = clamped.mul(g).blend(v, v.compare(VectorOperators.GT, 0f));
            numerator.div(g.add(1f)).intoArray(y, yOffset + i);
        }
        for (; i < length; i++) {
            y[yOffset + i] = ScalarActivationKernels.geluTanh(x[xOffset + i]);
        }
    }

    /** The tanh form's gradient on lanes: {@link ScalarActivationKernels#geluTanhDerivative(float)} times dy. */
    @Override
    public void geluTanhBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset,
            int length) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + i);
            FloatVector u = v.lanewise(VectorOperators.ABS);
            u = u.blend(GELU_CLAMP, u.compare(VectorOperators.GT, GELU_CLAMP));
            FloatVector s = u.mul(u);
            FloatVector sl = u.fma(u, s.neg());
            FloatVector bs = s.mul(GELU_TANH_B_HI);
            FloatVector bsl = s.fma(u.broadcast(GELU_TANH_B_HI), bs.neg());
            FloatVector aHi = u.broadcast(GELU_TANH_A_HI);
            FloatVector q = bs.add(aHi);
            FloatVector qv = q.sub(aHi);
            FloatVector qe = aHi.sub(q.sub(qv)).add(bs.sub(qv));
            FloatVector ql = sl.fma(u.broadcast(GELU_TANH_B_HI), s.fma(GELU_TANH_B_LO, GELU_TANH_A_LO)).add(bsl).add(qe);
            FloatVector zh = u.mul(q);
            FloatVector zl = u.fma(ql, u.fma(q, zh.neg()));
            FloatVector z = zh.neg();
            FloatVector et = z.fma(LOG2E, ROUNDING_BIAS);
            FloatVector en = et.sub(ROUNDING_BIAS);
            FloatVector er = en.fma(z.broadcast(-LN2_HI), z);
            er = en.fma(z.broadcast(-LN2_LO), er);
            FloatVector er2 = er.mul(er);
            FloatVector eq = er2.fma(er2.fma(z.broadcast(C6), er.fma(C5, C4)), er.fma(C3, C2));
            FloatVector ep = er2.fma(eq, er.add(1f));
            FloatVector twoToTheN = et.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector e = ep.mul(twoToTheN).blend(0f, z.compare(VectorOperators.LT, FLUSH_BELOW));
            FloatVector g = e.fma(zl.neg(), e);
            // s·(1 + x·z'·(1 - s)), s = sigmoid(z) and 1 - s both quotients of g
            FloatVector one = v.broadcast(1f);
            VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
            FloatVector denominator = g.add(1f);
            FloatVector sigmoid = g.blend(one, positive).div(denominator);
            FloatVector oneMinusSigmoid = one.blend(g, positive).div(denominator);
            FloatVector clamped = SIGN_BY_BLEND ? u.blend(u.neg(), v.test(VectorOperators.IS_NEGATIVE))
                    : u.reinterpretAsInts().or(v.reinterpretAsInts().and(0x8000_0000)).reinterpretAsFloats();
            FloatVector slope = clamped.mul(s.fma(GELU_TANH_3B, GELU_TANH_A_HI));
            FloatVector derivative = sigmoid.mul(slope.fma(oneMinusSigmoid, one));
            FloatVector.fromArray(SPECIES, dy, dyOffset + i).mul(derivative).intoArray(dx, dxOffset + i);
        }
        for (; i < length; i++) {
            dx[dxOffset + i] = dy[dyOffset + i] * ScalarActivationKernels.geluTanhDerivative(x[xOffset + i]);
        }
    }

    @Override
    public void leakyRelu(float[] x, int xOffset, float[] y, int yOffset, int length, float alpha) {
        if (LEAKY_RELU_BY_SIGN_BIT && signBitFormFits(alpha)) {
            leakyReluBySignBit(x, xOffset, y, yOffset, length, alpha);
        } else {
            leakyReluByBlend(x, xOffset, y, yOffset, length, alpha);
        }
    }

    /** Leaky ReLU as its formula reads: {@code x > 0 ? x : alpha·x} by a compare and a blend. */
    public static void leakyReluByBlend(float[] x, int xOffset, float[] y, int yOffset, int length, float alpha) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + i);
            v.mul(alpha).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yOffset + i);
        }
        for (; i < length; i++) {
            float v = x[xOffset + i];
            y[yOffset + i] = v > 0 ? v : alpha * v;
        }
    }

    /** Whether {@link #leakyReluBySignBit} gives the formula's bits for this slope: +0 <= alpha < +Inf. */
    public static boolean signBitFormFits(float alpha) {
        int bits = Float.floatToRawIntBits(alpha);
        return bits >= 0 && bits < 0x7F80_0000; // not -0, negative, +Inf or NaN
    }

    /**
     * Leaky ReLU as {@code x·(sign bit of x ? alpha : 1)}, the factor made from x's sign bit by
     * integer operations, with no mask: on JDK 17 a mask on 512-bit vectors goes through a vector
     * and back between the compare and the blend (see {@link VectorStrategies#leakyReluBySignBit()}).
     * The same bits as {@link #leakyReluByBlend} for every slope that {@link #signBitFormFits}
     * (the API allows (0, 1]): for x > 0, x·1 is x; at x = +0 both give +0, since alpha·(+0) is +0
     * for such a slope; a positive NaN comes out of either product as the same quiet NaN; every
     * other x, its sign bit set, is alpha·x in both.
     */
    // snippet: leaky-relu-sign-bit
    public static void leakyReluBySignBit(float[] x, int xOffset, float[] y, int yOffset, int length, float alpha) {
        int oneBits = Float.floatToRawIntBits(1f);
        IntVector one = IntVector.broadcast(INT_SPECIES, oneBits);
        IntVector oneXorAlpha = IntVector.broadcast(INT_SPECIES, oneBits ^ Float.floatToRawIntBits(alpha));
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + i);
            IntVector signs = v.reinterpretAsInts().lanewise(VectorOperators.ASHR, 31); // -1 where the sign bit is set
            FloatVector factor = signs.and(oneXorAlpha).lanewise(VectorOperators.XOR, one).reinterpretAsFloats();
            v.mul(factor).intoArray(y, yOffset + i);
        }
        for (; i < length; i++) {
            float v = x[xOffset + i];
            y[yOffset + i] = v > 0 ? v : alpha * v;
        }
    }
    // end-snippet

    @Override
    public void leakyReluBackward(float[] x, int xOffset, float[] dy, int dyOffset, float[] dx, int dxOffset,
            int length, float alpha) {
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + i);
            FloatVector gradient = FloatVector.fromArray(SPECIES, dy, dyOffset + i);
            gradient.mul(alpha).blend(gradient, v.compare(VectorOperators.GT, 0f)).intoArray(dx, dxOffset + i);
        }
        for (; i < length; i++) {
            float gradient = dy[dyOffset + i];
            dx[dxOffset + i] = x[xOffset + i] > 0 ? gradient : alpha * gradient;
        }
    }
}
