package dev.lanewise.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One sgemm split into blocks of C, computed by the calling thread and helper tasks; the contract
 * is on {@link Gemm#sgemm(boolean, boolean, int, int, int, float, float[], int, int, float[], int,
 * int, float, float[], int, int, Executor, int) the parallel Gemm.sgemm}.
 *
 * <p>Blocks are claimed from a counter, and the call waits until every block is finished, not
 * every task: a helper task that starts late (or that the executor ran although its
 * {@code execute} threw) finds no block left and returns without touching C. So once the wait is
 * over nothing can write C, whatever the executor did.
 */
final class ParallelGemm {
    private ParallelGemm() {}

    /** Below this many multiply-adds per extra thread a split costs more than it saves. */
    private static final long MIN_VOLUME_PER_THREAD = 64L * 64 * 64;

    /** The single-threaded multiply of one block of C, with sgemm's arguments. */
    @FunctionalInterface
    interface BlockMultiply {
        void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset, int lda,
                float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc);
    }

    /**
     * Multiplies on the caller and up to {@code threads - 1} helpers; arguments already checked.
     *
     * @param tileRows the register tile's height: row blocks are whole tiles
     * @param tileColumns the register tile's width: column blocks are whole tiles
     */
    static void run(BlockMultiply multiply, int tileRows, int tileColumns, boolean transA, boolean transB, int m,
            int n, int k, float alpha, float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb, float beta,
            float[] c, int cOffset, int ldc, Executor executor, int threads) {
        long volume = (long) m * n * Math.max(k, 1);
        boolean byRows = m >= n;
        int extent = byRows ? m : n;
        int grain = byRows ? tileRows : tileColumns;
        int grains = (extent + grain - 1) / grain;
        int blockCount = (int) Math.min(Math.min(threads, grains), Math.max(1, volume / MIN_VOLUME_PER_THREAD));
        if (blockCount <= 1) {
            multiply.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
            return;
        }
        // Whole register tiles per block, spread evenly: block i gets grains [i*g/blocks, (i+1)*g/blocks).
        Runnable[] parts = new Runnable[blockCount];
        for (int i = 0; i < blockCount; i++) {
            int from = (int) Math.min(extent, (long) grains * i / blockCount * grain);
            int to = (int) Math.min(extent, (long) grains * (i + 1) / blockCount * grain);
            if (byRows) {
                int aStart = aOffset + (transA ? from : from * lda);
                parts[i] = () -> multiply.sgemm(transA, transB, to - from, n, k, alpha, a, aStart, lda, b, bOffset,
                        ldb, beta, c, cOffset + from * ldc, ldc);
            } else {
                int bStart = bOffset + (transB ? from * ldb : from);
                parts[i] = () -> multiply.sgemm(transA, transB, m, to - from, k, alpha, a, aOffset, lda, b, bStart,
                        ldb, beta, c, cOffset + from, ldc);
            }
        }
        Blocks blocks = new Blocks(parts);
        Runnable helperTask = blocks::work;
        Throwable startFailure = null;
        for (int helper = 1; helper < blockCount; helper++) {
            try {
                executor.execute(helperTask);
            } catch (Throwable t) {
                // An Error too ("unable to create native thread"): start no more helpers; the caller
                // takes their share below, and the helpers already started must still be waited for.
                startFailure = t;
                break;
            }
        }
        blocks.work(); // the caller computes every block no helper has claimed
        blocks.awaitAllFinished();
        blocks.rethrowFailures(startFailure);
    }

    /** The blocks of one call: who claims which, when all are done, and what failed. */
    private static final class Blocks {
        private final Runnable[] parts;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch finished;
        private final List<Throwable> failures = new ArrayList<>();

        Blocks(Runnable[] parts) {
            this.parts = parts;
            this.finished = new CountDownLatch(parts.length);
        }

        /** Computes unclaimed blocks until none is left; run by the caller and by every helper task. */
        void work() {
            for (int i; (i = next.getAndIncrement()) < parts.length; ) {
                try {
                    parts[i].run();
                } catch (Throwable t) { // kept for the caller, which throws it once every block is done
                    synchronized (failures) {
                        failures.add(t);
                    }
                } finally {
                    finished.countDown();
                }
            }
        }

        /**
         * Waits for every block, through interrupts: a helper may still be writing C, and returning
         * before it would let C change behind the caller's back. The interrupt is kept for the caller.
         */
        void awaitAllFinished() {
            boolean interrupted = false;
            while (true) {
                try {
                    finished.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * After every block: the first block failure, with the later ones and any failure to start a
         * helper suppressed; else the failure to start a helper, unless it was a rejection (the
         * caller did that helper's share, so the result is complete).
         */
        void rethrowFailures(Throwable startFailure) {
            Throwable first;
            synchronized (failures) { // the latch already orders the helpers' adds before this read
                first = failures.isEmpty() ? null : failures.get(0);
                for (int i = 1; i < failures.size(); i++) {
                    suppress(first, failures.get(i));
                }
            }
            if (first == null) {
                if (startFailure == null || startFailure instanceof RejectedExecutionException) {
                    return;
                }
                first = startFailure;
            } else if (startFailure != null) {
                suppress(first, startFailure);
            }
            if (first instanceof RuntimeException) {
                throw (RuntimeException) first;
            }
            if (first instanceof Error) {
                throw (Error) first;
            }
            throw new IllegalStateException("a block of the parallel sgemm failed", first);
        }

        private static void suppress(Throwable kept, Throwable other) {
            if (other != kept) { // one instance thrown twice (a shared Error) cannot suppress itself
                kept.addSuppressed(other);
            }
        }
    }
}
