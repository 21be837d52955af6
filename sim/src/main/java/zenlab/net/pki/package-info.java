/** Certificates with BouncyCastle: the cloud root CA, the tenant's Connector CA, enrolment CSRs, pinning on a clock, owner-only key files. */
package zenlab.net.pki;
