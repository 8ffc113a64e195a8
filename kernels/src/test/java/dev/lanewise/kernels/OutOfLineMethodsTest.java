package dev.lanewise.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Guards speed that rests on a method's bytecode size. C2 inlines a hot callee of up to
 * {@code FreqInlineSize} bytes of bytecode (325 on x64 by default); some kernel methods are kept
 * over that line on purpose so that C2 never inlines them into a row loop, whatever order it
 * compiles things in. Nothing else would notice an edit that brought one under the line: the bits
 * stay the same and only a benchmark on one machine would slow down. This test reads the compiled
 * class files and fails when such a method shrinks to the line.
 */
class OutOfLineMethodsTest {

    private static final Path CLASSES = Path.of("target", "classes");
    /**
     * HotSpot's default FreqInlineSize on x64 and AArch64. The line is the default, not the running
     * VM's value: this checks the code, and a user's -XX:FreqInlineSize is theirs to weigh.
     */
    private static final int DEFAULT_FREQ_INLINE_SIZE = 325;

    /**
     * VectorSoftmaxKernels.storeExpThenSum: under the line, C2 inlined it into the row loops in some
     * compile orders and softmax 256×1000 ran 10–20% slower in those forks (JDK 25, 256 bits;
     * RESULTS.md, "Fifth session", and porting-guide pitfall 13).
     */
    @Test
    void storeExpThenSumStaysOverFreqInlineSize() throws IOException {
        Map<String, Integer> sizes = bytecodeSizes(
                CLASSES.resolve("dev/lanewise/kernels/internal/vector/VectorSoftmaxKernels.class"));
        Integer size = sizes.get("storeExpThenSum");
        assertTrue(size != null, "storeExpThenSum not found among " + sizes.keySet());
        int line = DEFAULT_FREQ_INLINE_SIZE;
        assertTrue(size > line, "VectorSoftmaxKernels.storeExpThenSum is " + size
                + " bytes of bytecode, not over C2's FreqInlineSize (" + line + "): C2 may now inline it"
                + " into the softmax row loops, the slow form of pitfall 13. Keep it over the line.");
    }

    /** The parser itself, on a method of this class whose bytecode is known: bipush 7, ireturn. */
    @Test
    void theParserReadsCodeLengths() throws IOException {
        Map<String, Integer> sizes = bytecodeSizes(Path.of("target", "test-classes",
                "dev/lanewise/kernels/OutOfLineMethodsTest.class"));
        assertEquals(3, sizes.get("returnsSeven"), "bipush 7 (2 bytes), ireturn (1): " + sizes);
        assertEquals(7, returnsSeven());
    }

    private static int returnsSeven() {
        return 7;
    }

    /**
     * Method name to the length of its Code attribute, from a class file (JVMS §4). An overloaded
     * name keeps its largest body.
     */
    static Map<String, Integer> bytecodeSizes(Path classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(classFile)));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException(classFile + " is not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int poolCount = in.readUnsignedShort();
        String[] utf8 = new String[poolCount];
        for (int index = 1; index < poolCount; index++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[index] = in.readUTF(); // Utf8: u2 length + modified UTF-8
                case 7, 8, 16, 19, 20 -> in.skipBytes(2); // Class, String, MethodType, Module, Package
                case 15 -> in.skipBytes(3); // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> { // Long, Double: 8 bytes and two pool slots
                    in.skipBytes(8);
                    index++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " in " + classFile);
            }
        }
        in.skipBytes(6); // access flags, this class, super class
        in.skipBytes(2 * in.readUnsignedShort()); // interfaces
        int fields = in.readUnsignedShort();
        for (int f = 0; f < fields; f++) {
            in.skipBytes(6);
            skipAttributes(in);
        }
        Map<String, Integer> sizes = new HashMap<>();
        int methods = in.readUnsignedShort();
        for (int m = 0; m < methods; m++) {
            in.skipBytes(2); // access flags
            String name = utf8[in.readUnsignedShort()];
            in.skipBytes(2); // descriptor
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                String attribute = utf8[in.readUnsignedShort()];
                int length = in.readInt();
                if (attribute.equals("Code")) {
                    in.skipBytes(4); // max stack, max locals
                    int codeLength = in.readInt();
                    sizes.merge(name, codeLength, Math::max);
                    in.skipBytes(length - 8);
                } else {
                    in.skipBytes(length);
                }
            }
        }
        return sizes;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            in.skipBytes(2);
            in.skipBytes(in.readInt());
        }
    }
}
