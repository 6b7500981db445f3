import { platformDefaults } from '@emporium/platform';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { createTransport } from 'nodemailer';
import { HttpContactDirectory } from './contact-directory';
import { SmtpEmailChannel } from './smtp-email-channel';
import { money, render } from './templates';

const message = {
  notificationId: '9f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f',
  memberId: '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55',
  to: 'ada@example.org',
  subject: 'Return 1 refunded',
  text: 'Hello Ada',
  template: 'RETURN_REFUNDED',
};

describe('the SMTP email channel (nodemailer, no network)', () => {
  it('builds the message nodemailer would send: sender, recipient, subject, a Message-ID from the notification id', async () => {
    const channel = new SmtpEmailChannel(createTransport({ jsonTransport: true }), 'care@emporium.example');
    const { messageId } = await channel.send(message);
    expect(messageId).toBe(`<${message.notificationId}@customer-service.emporium>`);
  });

  it('writes a well-formed RFC 5322 message (stream transport)', async () => {
    const transport = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    const sent: { message: Buffer }[] = [];
    // Keeps what the stream transport produced; the channel sees an ordinary transporter.
    const recording = {
      sendMail: async (mail: object) => {
        const info = await transport.sendMail(mail);
        sent.push(info as unknown as { message: Buffer });
        return info;
      },
    };
    await new SmtpEmailChannel(recording as unknown as typeof transport, 'care@emporium.example').send(message);
    const raw = sent[0].message.toString('utf8');
    expect(raw).toContain('From: care@emporium.example');
    expect(raw).toContain('To: ada@example.org');
    expect(raw).toContain('Subject: Return 1 refunded');
    expect(raw).toContain(`X-Emporium-Notification: ${message.notificationId}`);
    expect(raw).toContain('Hello Ada');
  });
});

describe('the membership contact directory (HTTP)', () => {
  let server: Server;
  let url: string;
  const seen: IncomingMessage[] = [];
  const secret = platformDefaults('any', 0).JWT_SECRET;

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req);
      if (req.url?.endsWith('/unknown/contact')) return void res.writeHead(404).end();
      if (req.url?.endsWith('/broken/contact')) return void res.writeHead(503).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          memberId: 'm1',
          name: 'Ada',
          email: 'ada@example.org',
          marketingConsent: false,
          erased: false,
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('asks GET /members/{id}/contact with a service token and returns the contact', async () => {
    const directory = new HttpContactDirectory(url, secret, 2000);
    await expect(directory.contactOf('m1')).resolves.toMatchObject({ name: 'Ada', email: 'ada@example.org' });
    const request = seen[seen.length - 1];
    expect(request.url).toBe('/members/m1/contact');
    const token = String(request.headers.authorization).replace('Bearer ', '');
    // A JWT signed with the shared secret, naming customer-service with the service role.
    expect(token.split('.')).toHaveLength(3);
    expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())).toMatchObject({
      sub: 'customer-service',
      roles: ['service'],
    });
  });

  it('an unknown member is undefined; a failing directory throws, so the send is retried', async () => {
    const directory = new HttpContactDirectory(url, secret, 2000);
    await expect(directory.contactOf('unknown')).resolves.toBeUndefined();
    await expect(directory.contactOf('broken')).rejects.toThrow('503');
  });
});

describe('templates', () => {
  it('formats money in the currency’s decimals and greets by name, or generically', () => {
    expect(money(1799, 'EUR')).toBe('17.99 EUR');
    expect(money(1500, 'JPY')).toBe('1500 JPY');
    expect(render('RETURN_REFUNDED', { returnId: 'r1', amount: 1799, currency: 'EUR' }, 'Ada')).toEqual({
      subject: 'Return r1 refunded',
      text: 'Hello Ada,\n\nWe refunded 17.99 EUR for your return r1.\n\nEmporium customer care',
    });
    expect(render('BIRTHDAY', { points: 1000 }, null).text).toContain('Hello there');
  });
});
