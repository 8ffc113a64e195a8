package dev.lanewise.kernels.internal;

import java.lang.reflect.Method;

/**
 * Reads a HotSpot VM flag through {@code com.sun.management.HotSpotDiagnosticMXBean}, by
 * reflection so that the kernels need neither java.management nor jdk.management at run time.
 */
final class HotSpotFlags {
    private HotSpotFlags() {}

    /** The flag's value as text, or null when it cannot be read here. */
    static String value(String flag) {
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            Class<?> beanType = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
            Method getBean = factory.getMethod("getPlatformMXBean", Class.class);
            Object bean = getBean.invoke(null, beanType);
            Object option = beanType.getMethod("getVMOption", String.class).invoke(bean, flag);
            return (String) option.getClass().getMethod("getValue").invoke(option);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }
}
