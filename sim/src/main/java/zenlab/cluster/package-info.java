/**
 * Studies beyond one machine, on Hazelcast: a {@code zenlab worker} is a Hazelcast member
 * ({@link zenlab.cluster.ClusterMember}); a study that joins the cluster becomes a member too and
 * hands its units to every member's executor ({@link zenlab.cluster.ClusterUnitExecutor}), each
 * unit carrying the scenario's text ({@link zenlab.cluster.RemoteUnit}), so members share no
 * files. No protocol of our own: membership, transport and failure detection are Hazelcast's.
 */
package zenlab.cluster;
