/**
 * The classic M/M/c/K queue as an actor: the kernel's own test model. Its answers are known in
 * closed form ({@link zenlab.model.queueing.QueueingTheory}), so replaying it checks the
 * kernel's event ordering and random streams against theory; a scenario with a {@code queue:}
 * section runs it.
 */
package zenlab.model.queueing;
