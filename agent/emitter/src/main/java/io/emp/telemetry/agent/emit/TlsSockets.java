package io.emp.telemetry.agent.emit;

import io.emp.telemetry.agent.config.EmitterConfig;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

/**
 * TLS for {@code rediss://} with the JDK's own JSSE (no native or third-party TLS code): the server
 * certificate is verified against {@code redis.tls.ca} (PEM) or the JVM's trust store
 * ({@code javax.net.ssl.trustStore}), the host name against the certificate (HTTPS rules), and a
 * client certificate is offered when {@code redis.tls.cert} + {@code redis.tls.key} are set (else the
 * JVM's {@code javax.net.ssl.keyStore}, if any).
 */
final class TlsSockets {
    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_END = "-----END PRIVATE KEY-----";

    private TlsSockets() {
    }

    static SSLSocketFactory socketFactory(EmitterConfig config) throws GeneralSecurityException, IOException {
        if (config.tlsCaFile() == null && config.tlsCertFile() == null) return SSLContext.getDefault().getSocketFactory();
        TrustManager[] trust = null;
        if (config.tlsCaFile() != null) {
            KeyStore ts = KeyStore.getInstance(KeyStore.getDefaultType());
            ts.load(null, null);
            int i = 0;
            for (Certificate c : certificates(config.tlsCaFile())) ts.setCertificateEntry("ca-" + i++, c);
            if (i == 0) throw new GeneralSecurityException("no certificate in " + config.tlsCaFile() + " (redis.tls.ca)");
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            trust = tmf.getTrustManagers();
        }
        KeyManager[] keys = null;
        if (config.tlsCertFile() != null) {
            Collection<? extends Certificate> chain = certificates(config.tlsCertFile());
            if (chain.isEmpty()) throw new GeneralSecurityException("no certificate in " + config.tlsCertFile() + " (redis.tls.cert)");
            char[] none = new char[0];
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            ks.setKeyEntry("client", privateKey(config.tlsKeyFile()), none, chain.toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, none);
            keys = kmf.getKeyManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, trust, null);
        return context.getSocketFactory();
    }

    /** Host-name verification during the handshake, as HTTPS does it (names and IP addresses in the certificate). */
    static SSLParameters parameters() {
        SSLParameters p = new SSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        return p;
    }

    private static Collection<? extends Certificate> certificates(String file) throws GeneralSecurityException, IOException {
        try (InputStream in = Files.newInputStream(Paths.get(file))) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }

    /** An unencrypted PKCS#8 PEM key ({@code BEGIN PRIVATE KEY}): RSA, EC or EdDSA. */
    static PrivateKey privateKey(String file) throws GeneralSecurityException, IOException {
        String pem = new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.US_ASCII);
        int begin = pem.indexOf(PKCS8_BEGIN);
        int end = pem.indexOf(PKCS8_END);
        if (begin < 0 || end < begin) {
            throw new GeneralSecurityException("redis.tls.key " + file + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); "
                    + "convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + PKCS8_BEGIN.length(), end));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        GeneralSecurityException last = null;
        for (String algorithm : new String[]{"RSA", "EC", "EdDSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("cannot read the private key in " + file + " (redis.tls.key): " + last.getMessage());
    }
}
