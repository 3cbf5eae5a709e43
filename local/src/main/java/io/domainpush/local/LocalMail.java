package io.domainpush.local;

import java.util.List;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server (GreenMail) whose received mail can be read back, plus IMAP to read
 * it with a client.
 */
public final class LocalMail implements AutoCloseable {

	private final GreenMail greenMail;

	private final int smtpPort;

	private final int imapPort;

	private LocalMail(GreenMail greenMail, int smtpPort, int imapPort) {
		this.greenMail = greenMail;
		this.smtpPort = smtpPort;
		this.imapPort = imapPort;
	}

	public static LocalMail start(int smtpPort, int imapPort) {
		int smtp = smtpPort == 0 ? FreePorts.find() : smtpPort;
		int imap = imapPort == 0 ? FreePorts.find() : imapPort;
		GreenMail greenMail = new GreenMail(new ServerSetup[] { new ServerSetup(smtp, "127.0.0.1", "smtp"),
				new ServerSetup(imap, "127.0.0.1", "imap") });
		greenMail.start();
		return new LocalMail(greenMail, smtp, imap);
	}

	public int smtpPort() {
		return smtpPort;
	}

	public int imapPort() {
		return imapPort;
	}

	public List<MimeMessage> received() {
		return List.of(greenMail.getReceivedMessages());
	}

	@Override
	public void close() {
		greenMail.stop();
	}

}
