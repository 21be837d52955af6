/**
 * The real data path: brokers, connectors and apps as Netty endpoints on loopback, speaking
 * the model's messages over mutual TLS. {@link zenlab.net.LiveLab} brings a scenario's fleet up;
 * facts go to {@link zenlab.net.NetEvents} with the causes the model uses.
 */
package zenlab.net;
