/**
 * A workaround for a Netty 4.2.18 epoll bug: epoll sockets whose interest set never becomes
 * empty, so a peer's early FIN cannot leave them unregistered ({@link zenlab.net.epoll.EpollInterest}).
 */
package zenlab.net.epoll;
