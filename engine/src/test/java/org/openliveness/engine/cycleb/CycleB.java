package org.openliveness.engine.cycleb;

import org.openliveness.engine.cyclea.CycleA;

/** The other half of the deliberate package cycle: depends back on {@link CycleA}. */
public final class CycleB {

    private CycleB() {}

    public static int depth(int n) {
        return n <= 0 ? 0 : 1 + CycleA.depth(n - 1);
    }
}
