/**
 * Users' clients on the real data path: they open mtunnels at the brokers' client ports and
 * carry an app's demand through them, paced on the wall clock.
 */
package zenlab.net.load;
