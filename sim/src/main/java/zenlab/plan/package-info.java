/**
 * {@code zenlab plan}: the cheapest configuration of a scenario that meets the user's
 * requirements, decided by a fully sequential feasibility check with a stated error bound
 * (docs/plan.md): requirements, the cost expression, the procedure, and the plan's report.
 */
package zenlab.plan;
