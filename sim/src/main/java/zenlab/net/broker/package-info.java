/** The cloud side: the tenant (keys, enrolment, fingerprints), brokers, and the connectors connected to each. */
package zenlab.net.broker;
