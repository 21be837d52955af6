/** The app connector: enrols, dials out to brokers, serves mtunnels by connecting to apps; never listens. */
package zenlab.net.connector;
