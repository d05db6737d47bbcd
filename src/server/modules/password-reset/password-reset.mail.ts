import type { MailMessage } from '../../platform/mail/mailer.js';

// Swedish first, English below: the mail goes out before we know which language the reader prefers.
// It holds the link and nothing else of value: no password, no account details.
export function resetMail(to: string, link: string, minutes: number): MailMessage {
  return {
    to,
    subject: 'Återställ ditt lösenord i Tillit / Reset your Tillit password',
    text: [
      'Hej!',
      '',
      'Någon, förhoppningsvis du, har bett om att få välja ett nytt lösenord till ditt konto i Tillit.',
      `Öppna länken nedan för att välja lösenord. Länken gäller i ${minutes} minuter och kan bara användas en gång.`,
      '',
      link,
      '',
      'Om det inte var du kan du bortse från det här meddelandet. Ditt lösenord är då oförändrat.',
      '',
      '---',
      '',
      'Someone, hopefully you, asked to choose a new password for your Tillit account.',
      `Open the link above to choose one. It works for ${minutes} minutes and only once.`,
      'If it was not you, ignore this message; your password stays as it is.',
      '',
    ].join('\n'),
  };
}

// A new account's first password: the same single-use link as a reset, valid longer, from a named
// organisation so the recipient knows why it came.
export function inviteMail(to: string, link: string, hours: number, organisation: string): MailMessage {
  return {
    to,
    subject: `Ditt konto i Tillit (${organisation}) / Your Tillit account`,
    text: [
      'Hej!',
      '',
      `Du har fått ett konto i Tillit, ${organisation}s system för informationssäkerhet.`,
      `Öppna länken nedan för att välja ditt lösenord. Länken gäller i ${hours} timmar och kan bara användas en gång.`,
      '',
      link,
      '',
      'Om du inte väntade dig det här meddelandet kan du bortse från det.',
      '',
      '---',
      '',
      `You have been given an account in Tillit, the information-security system of ${organisation}.`,
      `Open the link above to choose your password. It works for ${hours} hours and only once.`,
      '',
    ].join('\n'),
  };
}
