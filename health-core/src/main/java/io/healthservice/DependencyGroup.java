package io.healthservice;

import java.util.List;

/**
 * One entry of {@code dependencies} in the response: a single check ({@code database}, {@code redis})
 * or several that share a name and a criticality ({@code llm_services}: one check per LLM endpoint).
 */
public record DependencyGroup(String name, boolean critical, List<String> checks) {

  public DependencyGroup {
    checks = List.copyOf(checks);
  }

  /** True for an entry that is one check of the same name ({@code database}), not a group of several. */
  public boolean isSingleCheck() {
    return checks.size() == 1 && checks.get(0).equals(name);
  }
}
