package dev.lanewise.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lanewise.kernels.internal.GemmKernels;
import dev.lanewise.kernels.internal.KernelProvider;
import dev.lanewise.kernels.internal.Kernels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parallel sgemm under injected faults: executors that fail on the n-th {@code execute} (with
 * an Error, a RuntimeException, a rejection; before or after starting the task), blocks that
 * throw on a helper or on the caller, and an interrupted caller. Each test snapshots C the moment
 * the call returns or throws, then joins every thread the executor started and checks that C has
 * not changed since: nothing may write C after the call is over.
 */
class ParallelGemmFaultsTest {

    /** 192³ on 4 threads: four blocks (three helper tasks) on every implementation. */
    private static final int SIZE = 192;
    private static final int THREADS = 4;

    private final float[] a = random(SIZE * SIZE, 1);
    private final float[] b = random(SIZE * SIZE, 2);
    private final float[] expected = new float[SIZE * SIZE];

    {
        Gemm.sgemm(false, false, SIZE, SIZE, SIZE, 1f, a, 0, SIZE, b, 0, SIZE, 0f, expected, 0, SIZE);
    }

    static Stream<Arguments> executorFaults() {
        List<Arguments> all = new ArrayList<>();
        List<Supplier<Throwable>> failures = List.of(
                () -> new OutOfMemoryError("unable to create native thread: possibly out of memory"),
                () -> new IllegalStateException("the executor is broken"),
                () -> new RejectedExecutionException("the executor is saturated"));
        for (Supplier<Throwable> failure : failures) {
            for (int failingCall = 1; failingCall < THREADS; failingCall++) {
                for (boolean startsTheTaskAnyway : new boolean[] {false, true}) {
                    for (long startDelayMillis : new long[] {0, 50}) {
                        all.add(Arguments.of(failure.get().getClass().getSimpleName(), failingCall,
                                startsTheTaskAnyway, startDelayMillis, failure));
                    }
                }
            }
        }
        return all.stream();
    }

    /**
     * The case and its relatives: the executor fails on one {@code execute}. The caller
     * computes what the helpers did not take, waits for those that started, and then returns (a
     * rejection) or rethrows (anything else), with C complete either way.
     */
    @ParameterizedTest(name = "{0} on execute #{1}, task started anyway {2}, helpers start after {3} ms")
    @MethodSource("executorFaults")
    void anExecutorFailingOnTheNthTaskLeavesNothingRunning(String kind, int failingCall, boolean startsTheTaskAnyway,
            long startDelayMillis, Supplier<Throwable> failure) throws InterruptedException {
        Throwable injected = failure.get();
        ThreadPerTask executor = new ThreadPerTask(failingCall, injected, startsTheTaskAnyway, startDelayMillis);
        float[] c = new float[SIZE * SIZE];
        Throwable thrown = null;
        try {
            Gemm.sgemm(false, false, SIZE, SIZE, SIZE, 1f, a, 0, SIZE, b, 0, SIZE, 0f, c, 0, SIZE, executor, THREADS);
        } catch (Throwable t) {
            thrown = t;
        }
        float[] atReturn = c.clone();
        executor.joinAll();
        assertBitwiseEqual(atReturn, c, "C changed after the call had " + (thrown == null ? "returned" : "thrown"));
        assertEquals(failingCall, executor.calls(), "no task is handed over after the failing execute");
        if (injected instanceof RejectedExecutionException) {
            assertNull(thrown, "a rejection is absorbed: the caller did that share");
        } else {
            assertSame(injected, thrown, "the executor's failure is rethrown as it was");
        }
        assertBitwiseEqual(expected, c, "C is the complete single-threaded result");
    }

    /** A block that throws, on a helper or on the caller, is rethrown only once every other block has finished. */
    @ParameterizedTest(name = "failing on the {0}")
    @MethodSource("callerOrHelper")
    void aFailingBlockIsThrownOnlyAfterEveryOtherBlockHasFinished(String where) throws InterruptedException {
        Thread caller = Thread.currentThread();
        boolean failOnCaller = where.equals("caller");
        RuntimeException injected = new IllegalStateException("block failure on the " + where);
        CountDownLatch helperInsideABlock = new CountDownLatch(1);
        CountDownLatch failed = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        GemmKernels kernels = Kernels.get().gemm();
        ParallelGemm.BlockMultiply multiply = (ta, tb, m, n, k, alpha, aa, ao, lda, bb, bo, ldb, beta, cc, co, ldc) -> {
            boolean onCaller = Thread.currentThread() == caller;
            inside.incrementAndGet();
            try {
                if (!onCaller) {
                    helperInsideABlock.countDown();
                }
                if (onCaller == failOnCaller && failures.compareAndSet(0, 1)) {
                    if (onCaller) {
                        await(helperInsideABlock); // a helper is mid-block when the caller's block fails
                    }
                    failed.countDown();
                    throw injected;
                }
                await(failed); // the other blocks outlast the failure
                sleep(100);
                kernels.sgemm(ta, tb, m, n, k, alpha, aa, ao, lda, bb, bo, ldb, beta, cc, co, ldc);
                finished.incrementAndGet();
            } finally {
                inside.decrementAndGet();
            }
        };
        ThreadPerTask executor = new ThreadPerTask(0, null, false, 0);
        float[] c = new float[SIZE * SIZE];
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> ParallelGemm.run(multiply,
                kernels.tileRows(), kernels.tileColumns(), false, false, SIZE, SIZE, SIZE, 1f, a, 0, SIZE, b, 0, SIZE,
                0f, c, 0, SIZE, executor, THREADS));
        int insideAtThrow = inside.get();
        int finishedAtThrow = finished.get();
        float[] atThrow = c.clone();
        executor.joinAll();
        assertSame(injected, thrown);
        assertEquals(0, insideAtThrow, "a block was still running when the call threw");
        assertEquals(THREADS - 1, finishedAtThrow, "every other block is computed");
        assertTrue(executor.calls() == THREADS - 1 && executor.ranBlocks(), "the helpers took part");
        assertBitwiseEqual(atThrow, c, "C changed after the call had thrown");
    }

    static Stream<String> callerOrHelper() {
        return Stream.of("caller", "helper");
    }

    /** Every block fails, and the executor rejects a task: one failure thrown, every other one suppressed. */
    @Test
    void theFirstFailureIsThrownWithEveryOtherOneSuppressed() throws InterruptedException {
        List<Throwable> injected = Collections.synchronizedList(new ArrayList<>());
        ParallelGemm.BlockMultiply multiply = (ta, tb, m, n, k, alpha, aa, ao, lda, bb, bo, ldb, beta, cc, co, ldc) -> {
            AssertionError failure = new AssertionError("block at " + co);
            injected.add(failure);
            throw failure;
        };
        RejectedExecutionException rejection = new RejectedExecutionException("the third task");
        ThreadPerTask executor = new ThreadPerTask(3, rejection, false, 0);
        float[] c = new float[SIZE * SIZE];
        AssertionError thrown = assertThrows(AssertionError.class, () -> ParallelGemm.run(multiply, 4, 8, false, false,
                SIZE, SIZE, SIZE, 1f, a, 0, SIZE, b, 0, SIZE, 0f, c, 0, SIZE, executor, THREADS));
        executor.joinAll();
        assertEquals(THREADS, injected.size(), "every block was attempted");
        List<Throwable> all = new ArrayList<>();
        all.add(thrown);
        Collections.addAll(all, thrown.getSuppressed());
        assertEquals(THREADS + 1, all.size(), "the thrown failure, the other blocks' and the rejection");
        assertTrue(all.containsAll(injected) && all.contains(rejection), all.toString());
        // one instance thrown by two blocks cannot suppress itself: still thrown, once
        Error shared = new StackOverflowError("shared");
        Error once = assertThrows(StackOverflowError.class, () -> ParallelGemm.run(
                (ta, tb, m, n, k, alpha, aa, ao, lda, bb, bo, ldb, beta, cc, co, ldc) -> {
                    throw shared;
                }, 4, 8, false, false, SIZE, SIZE, SIZE, 1f, a, 0, SIZE, b, 0, SIZE, 0f, c, 0, SIZE, Runnable::run,
                THREADS));
        assertSame(shared, once);
        assertEquals(0, once.getSuppressed().length);
    }

    /** The caller is interrupted while its helpers still compute: it waits for them, then returns with its interrupt status set. */
    @Test
    void anInterruptedCallerWaitsForItsHelpersAndKeepsItsInterruptStatus() throws InterruptedException {
        GemmKernels kernels = Kernels.get().gemm();
        CountDownLatch helperInsideABlock = new CountDownLatch(1);
        CountDownLatch callerWaiting = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        AtomicReference<Thread> callerThread = new AtomicReference<>();
        ParallelGemm.BlockMultiply multiply = (ta, tb, m, n, k, alpha, aa, ao, lda, bb, bo, ldb, beta, cc, co, ldc) -> {
            inside.incrementAndGet();
            try {
                if (Thread.currentThread() == callerThread.get()) {
                    await(helperInsideABlock);
                } else {
                    helperInsideABlock.countDown();
                    await(callerWaiting);
                    sleep(200); // the caller is interrupted meanwhile
                }
                kernels.sgemm(ta, tb, m, n, k, alpha, aa, ao, lda, bb, bo, ldb, beta, cc, co, ldc);
            } finally {
                inside.decrementAndGet();
            }
        };
        ThreadPerTask executor = new ThreadPerTask(0, null, false, 0);
        float[] c = new float[SIZE * SIZE];
        AtomicInteger insideAtReturn = new AtomicInteger(-1);
        AtomicReference<Boolean> interruptedAtReturn = new AtomicReference<>();
        AtomicReference<float[]> atReturn = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            ParallelGemm.run(multiply, kernels.tileRows(), kernels.tileColumns(), false, false, SIZE, SIZE, SIZE, 1f,
                    a, 0, SIZE, b, 0, SIZE, 0f, c, 0, SIZE, executor, THREADS);
            insideAtReturn.set(inside.get());
            atReturn.set(c.clone());
            interruptedAtReturn.set(Thread.currentThread().isInterrupted());
        });
        callerThread.set(caller);
        caller.start();
        await(helperInsideABlock);
        // the caller's own blocks are done and it waits for the helpers: interrupt it, twice
        while (caller.getState() != Thread.State.WAITING && caller.isAlive()) {
            Thread.onSpinWait();
        }
        callerWaiting.countDown();
        caller.interrupt();
        sleep(20);
        caller.interrupt();
        caller.join(10_000);
        assertFalse(caller.isAlive(), "the caller did not return");
        executor.joinAll();
        assertEquals(0, insideAtReturn.get(), "the caller returned while a helper was still computing");
        assertEquals(Boolean.TRUE, interruptedAtReturn.get(), "the interrupt status is kept for the caller");
        assertBitwiseEqual(atReturn.get(), c, "C changed after the call had returned");
        assertBitwiseEqual(expected, c, "C is the complete single-threaded result");
    }

    /** Through the public API: a caller interrupted before the call still gets the whole result, and keeps the flag. */
    @Test
    void aCallerInterruptedBeforeTheCallGetsTheWholeResult() throws InterruptedException {
        ThreadPerTask executor = new ThreadPerTask(0, null, false, 20);
        float[] c = new float[SIZE * SIZE];
        Thread.currentThread().interrupt();
        try {
            Gemm.sgemm(false, false, SIZE, SIZE, SIZE, 1f, a, 0, SIZE, b, 0, SIZE, 0f, c, 0, SIZE, executor, THREADS);
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt status is kept (and cleared here)");
        }
        float[] atReturn = c.clone();
        executor.joinAll();
        assertBitwiseEqual(atReturn, c, "C changed after the call had returned");
        assertBitwiseEqual(expected, c, "C is the complete single-threaded result");
    }

    // ---- the injected executor

    /**
     * Starts a thread per task, after {@code startDelayMillis} (a pool slow to start threads), and
     * throws {@code failure} from the {@code failingCall}-th execute (1-based; 0 never), having
     * started that task anyway if {@code startsTheTaskAnyway} (an executor that fails after
     * handing the task over).
     */
    private static final class ThreadPerTask implements Executor {
        private final int failingCall;
        private final Throwable failure;
        private final boolean startsTheTaskAnyway;
        private final long startDelayMillis;
        private final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger calls = new AtomicInteger();
        private final AtomicInteger tasksRun = new AtomicInteger();

        ThreadPerTask(int failingCall, Throwable failure, boolean startsTheTaskAnyway, long startDelayMillis) {
            this.failingCall = failingCall;
            this.failure = failure;
            this.startsTheTaskAnyway = startsTheTaskAnyway;
            this.startDelayMillis = startDelayMillis;
        }

        @Override
        public void execute(Runnable task) {
            boolean fails = calls.incrementAndGet() == failingCall;
            if (!fails || startsTheTaskAnyway) {
                Thread thread = new Thread(() -> {
                    sleep(startDelayMillis);
                    task.run();
                    tasksRun.incrementAndGet();
                });
                threads.add(thread);
                thread.start();
            }
            if (fails) {
                if (failure instanceof Error) {
                    throw (Error) failure;
                }
                throw (RuntimeException) failure;
            }
        }

        int calls() {
            return calls.get();
        }

        boolean ranBlocks() {
            return tasksRun.get() > 0;
        }

        void joinAll() throws InterruptedException {
            List<Thread> started;
            synchronized (threads) {
                started = new ArrayList<>(threads);
            }
            for (Thread thread : started) {
                thread.join(10_000);
                if (thread.isAlive()) {
                    fail("a helper thread is still running 10 s after the call");
                }
            }
        }
    }

    // ---- helpers

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for another thread");
            }
        } catch (InterruptedException e) {
            throw new AssertionError("interrupted", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError("a helper was interrupted", e);
        }
    }

    private static float[] random(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }

    private static void assertBitwiseEqual(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                fail(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]);
            }
        }
    }
}
