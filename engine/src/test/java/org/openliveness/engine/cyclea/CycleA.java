package org.openliveness.engine.cyclea;

import org.openliveness.engine.cycleb.CycleB;

/** Half of a deliberate package cycle: depends on {@link CycleB}, which depends back on it. */
public final class CycleA {

    private CycleA() {}

    public static int depth(int n) {
        return n <= 0 ? 0 : 1 + CycleB.depth(n - 1);
    }
}
