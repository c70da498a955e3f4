package dev.teak.algorithms.cli;

import dev.teak.algorithms.run.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The methods {@code teak} knows: those listed under {@code META-INF/services}, sorted by name. */
final class MethodRegistry {
    private MethodRegistry() {}

    static List<Method> load() {
        List<Method> out = new ArrayList<>();
        for (Method m : ServiceLoader.load(Method.class)) out.add(m);
        out.sort(Comparator.comparing(Method::name));
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).name().equals(out.get(i - 1).name())) {
                throw new IllegalStateException("two methods are named '" + out.get(i).name() + "': "
                        + out.get(i - 1).getClass().getName() + " and " + out.get(i).getClass().getName());
            }
        }
        return List.copyOf(out);
    }
}
