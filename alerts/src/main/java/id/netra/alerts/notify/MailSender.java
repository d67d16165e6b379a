package id.netra.alerts.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Date;
import java.util.Properties;

/**
 * Sends digests as e-mail over SMTP (Jakarta Mail): a plain-text part and an HTML part, and a Message-ID made from the
 * digest id, {@code <digest-id@sender-domain>}, the same on every attempt so a receiving server or client can drop a
 * copy it has seen.
 */
final class MailSender implements Sender {
    private final NotifyConfig.Smtp smtp;
    private final Session session;

    MailSender(NotifyConfig.Smtp smtp) {
        this.smtp = smtp;
        Properties p = new Properties();
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", Integer.toString(smtp.port()));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "30000");
        p.put("mail.smtp.writetimeout", "30000");
        p.put("mail.smtp.starttls.enable", Boolean.toString(smtp.starttls()));
        p.put("mail.smtp.starttls.required", Boolean.toString(smtp.starttls()));
        p.put("mail.smtp.auth", Boolean.toString(smtp.username() != null));
        this.session = Session.getInstance(p);
    }

    static String messageId(Digest d, String domain) {
        return "<" + d.id() + "@" + domain + ">";
    }

    @Override
    public void send(Digest d) throws MessagingException {
        Messages.Rendered m = Messages.render(d);
        MimeMessage msg = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId(d, smtp.domain()));
            }
        };
        msg.setFrom(new InternetAddress(smtp.from(), true));
        msg.setRecipient(Message.RecipientType.TO, new InternetAddress(d.recipient().address(), true));
        msg.setSubject(m.subject(), "UTF-8");
        msg.setSentDate(new Date());
        msg.setHeader("Auto-Submitted", "auto-generated");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(m.text(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(m.html(), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        msg.setContent(alternative);
        msg.saveChanges();
        if (smtp.username() != null) {
            Transport.send(msg, smtp.username(), smtp.password());
        } else {
            Transport.send(msg);
        }
    }
}
