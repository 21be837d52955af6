/** Built-in apps behind connectors: echo, sink and an HTTP file server. */
package zenlab.net.app;
