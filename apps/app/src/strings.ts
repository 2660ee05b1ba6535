/**
 * Every string the app shows, in English. A translation is another object of the same type; nothing else in the
 * app holds user-facing text.
 */
import type { PinChoiceProblem } from './phone/check-pin-choice.js';
import type { TransactionOutcome } from './phone/transaction-outcome.js';

const pinName = (purpose: 'authentication' | 'signing') => (purpose === 'authentication' ? 'PIN1' : 'PIN2');

/** Formats an instant for people: the local date and time, to the minute. */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** Formats a date for people. */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { dateStyle: 'medium' });
}

/** "2 h 59 min", "45 s": the time left until an instant. */
export function formatTimeLeft(iso: string, now: number): string {
  const seconds = Math.max(0, Math.round((Date.parse(iso) - now) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export const strings = {
  appName: 'Tessera',
  refreshHint: 'Tap the logo to look for requests',
  refreshing: 'Looking for requests…',
  nothingPending: 'No requests are waiting.',
  sandboxBanner: 'SANDBOX: test identities only, simulated identity proofing',
  offline: 'You are offline. Requests arrive when the connection is back.',
  cancel: 'Cancel',
  back: 'Back',
  close: 'Close',
  next: 'Next',
  done: 'Done',
  tryAgain: 'Try again',
  working: 'Please wait…',

  welcome: {
    title: 'Welcome to Tessera',
    body: 'Log in and sign with your phone. Start by adding your account.',
    register: 'Add an account',
  },

  register: {
    title: 'Add an account',
    sandboxNote:
      'Sandbox proofing (simulated): you declare the identity yourself. A real deployment checks it with an ID card.',
    country: 'Country',
    nationalCode: 'Personal identification code',
    givenName: 'Given name',
    surname: 'Surname',
    dateOfBirth: 'Date of birth',
    dateOfBirthFromCode: 'Read from the personal code',
    level: 'Account level',
    levels: { QUALIFIED: 'Qualified', ADVANCED: 'Advanced' },
    levelHint: 'A qualified signature is equal to a handwritten one.',
    choosePin: (purpose: 'authentication' | 'signing') =>
      purpose === 'authentication' ? 'Choose PIN1, for logging in' : 'Choose PIN2, for signing',
    confirmPin: (purpose: 'authentication' | 'signing') => `Enter ${pinName(purpose)} again`,
    pinRule: (purpose: 'authentication' | 'signing') =>
      purpose === 'authentication' ? 'PIN1 has 4 to 12 digits.' : 'PIN2 has 5 to 12 digits.',
    pinNeverStored: 'Your PINs are never stored or sent anywhere. Nobody can reset them for you.',
    pinProblems: {
      FORMAT: 'Use only digits, of the length given.',
      REPEATED: 'Do not repeat one digit or one group of digits: that is easy to guess.',
      SEQUENTIAL: 'Do not use consecutive digits such as 1234 or 9876: that is easy to guess.',
      BIRTH_DATE: 'Do not use your date of birth: that is easy to guess.',
      SAME_AS_PIN1: 'PIN2 must differ from PIN1.',
    } satisfies Record<PinChoiceProblem, string>,
    pinsDiffer: 'The two entries differ. Choose the PIN again.',
    generating: 'Creating your keys. This takes a few seconds…',
    missing: (field: string) => `${field} is required.`,
    badCode: 'This personal code does not look right for the country chosen.',
    badDate: 'Give the date of birth as a date in the past.',
    done: (name: string) => `${name}, your account is ready.`,
  },

  home: {
    title: 'Your accounts',
    scan: 'Scan a QR code',
    addAccount: 'Add an account',
    pending: 'Waiting for you',
    openOffer: 'Open',
    validTo: (date: string) => `Valid until ${date}`,
    states: {
      ACTIVE: 'Ready',
      LOCKED: 'Locked',
      PERMANENTLY_LOCKED: 'Locked for good',
      EXPIRED: 'Expired',
    },
    pinLocked: (pin: string, left: string, until: string) => `${pin} is locked for ${left} (until ${until}).`,
    pinLockedForGood: (pin: string) => `${pin} is locked for good. Add the account again.`,
    offer: (rpName: string, kind: 'authentication' | 'signature' | 'certificateChoice') =>
      kind === 'authentication'
        ? `${rpName} asks you to log in`
        : kind === 'signature'
          ? `${rpName} asks you to sign`
          : `${rpName} asks for your signing certificate`,
    accountState: (state: string) => `State: ${state}`,
  },

  account: {
    details: 'Account details',
    documentNumber: 'Document number',
    identifier: 'Personal code',
    level: 'Level',
    delete: 'Delete this account',
    deleteConfirm:
      'Delete this account from this app? Its certificates are revoked and it cannot be used again. To use Tessera again, add the account anew.',
    deleteYes: 'Delete for good',
    deleted: 'The account was deleted.',
  },

  scan: {
    title: 'Scan the QR code',
    hint: 'Point the camera at the QR code on the screen of the service.',
    noCamera: 'The camera is not available. Allow camera access, or open the link on this phone instead.',
    notTessera: 'This QR code is not a Tessera link.',
  },

  deviceChoice: {
    title: 'Choose the account',
    body: (rpName: string) => `${rpName} asks for one of your accounts. Which one?`,
    bodyForLink: 'Which of your accounts answers this request?',
    notMe: 'It was not me',
  },

  transaction: {
    title: {
      authentication: 'Log in',
      signing: 'Sign',
    },
    from: (rpName: string) => `Request from ${rpName}`,
    code: 'Verification code',
    codeHint: 'Go on only if the service shows the same code.',
    chooseCode: 'Choose the code the service shows',
    confirm: 'Confirm',
    enterPin: (purpose: 'authentication' | 'signing') => `Enter ${pinName(purpose)}`,
    pinLabel: (purpose: 'authentication' | 'signing') => pinName(purpose),
    pinDigits: (n: number) => `${n} digits entered`,
    deleteDigit: 'Delete the last digit',
    ok: 'OK',
    expiresIn: (left: string) => `Expires in ${left}`,
    signing: 'Confirming…',
    wrongPin: (purpose: 'authentication' | 'signing', attemptsLeft: number) =>
      `Wrong ${pinName(purpose)}. ${attemptsLeft} attempt${attemptsLeft === 1 ? '' : 's'} left before it locks.`,
  },

  result: {
    titles: {
      OK: 'Done',
      CERTIFICATE_CHOSEN: 'Done',
      LOCKED: 'PIN locked',
      REFUSED: 'Cancelled',
      WRONG_VC: 'Cancelled',
      EXPIRED: 'Expired',
      CLONE_DETECTED: 'Account blocked',
      UNSUPPORTED: 'Not supported',
      GONE: 'No longer waiting',
      ERROR: 'Something went wrong',
    } satisfies Record<TransactionOutcome['kind'], string>,
    ok: {
      authentication: (rpName: string) => `You are logged in to ${rpName}.`,
      signing: (rpName: string) => `You signed for ${rpName}.`,
    },
    returning: (rpName: string) => `Returning to ${rpName}…`,
    returnNow: 'Return now',
    certificateChosen: (rpName: string) =>
      `${rpName} now has your signing certificate and will ask you to sign next.`,
    refused: 'You cancelled the request. The service was told.',
    wrongCode: 'That was not the code the service showed. The request was cancelled, for your safety.',
    expired: 'The request has expired. Start again at the service.',
    locked: (purpose: 'authentication' | 'signing', left: string, until: string) =>
      `${pinName(purpose)} is locked for ${left}, until ${until}, after too many wrong entries.`,
    lockedForGood: (purpose: 'authentication' | 'signing') =>
      `${pinName(purpose)} is locked for good after too many wrong entries. Add the account again.`,
    clone:
      'Another copy of this app used this account. The account is blocked for your safety. Add it again.',
    unsupported: 'The service asked for something this app cannot show. The request ended.',
    gone: 'This request is no longer waiting for you.',
  },

  link: {
    title: 'Tessera link',
    opening: 'Opening the request…',
    outsideTitle: 'Open this link in the Tessera app',
    outsideBody:
      'This link belongs to a login or signing request. The account it is for is kept by the Tessera app on your phone, and this browser has no Tessera account.',
    outsideSteps: [
      'Open the link on the phone where you use Tessera, or scan the QR code shown by the service with the Tessera app.',
      'If you have no Tessera account yet, add one first.',
    ],
    invalidTitle: 'This link cannot be used',
    invalid: 'The link is broken or incomplete. Start again at the service.',
    expiredTitle: 'This link has expired',
    expired: 'Links are valid for a short time only. Start again at the service.',
  },

  notifications: {
    turnOn: 'Turn on notifications',
    turnOff: 'Turn off',
    on: 'Notifications are on.',
    unavailable: 'Notifications are not available in this browser.',
    denied:
      'Notifications are blocked for this app in the browser settings. Allow them there to hear of requests.',
    /** The notification a push message shows. */
    message: { title: 'Tessera', body: 'A request is waiting for you. Open Tessera.' },
  },

  watchPairing: {
    title: 'Pair a watch',
    pairWatch: 'Pair a watch',
    pairedNote: 'Your watch is paired.',
    waitingWatch: 'Confirm on the watch too…',
    intro: 'Open Tessera on your watch and enter this code there:',
    waiting: 'Waiting for the watch…',
    compare: 'Check that the watch shows the same code, and confirm on both.',
    confirm: 'The codes match',
    mismatch: 'They differ',
    paired: 'Your watch is paired. Requests are shown on it while it is unlocked.',
    unpair: 'Unpair the watch',
    unpaired: 'The watch is no longer paired.',
    failed: 'Pairing failed. Try again.',
  },

  watch: {
    title: 'Tessera watch',
    notPaired: 'Pair this watch: on your phone, open Tessera and choose "Pair a watch".',
    enterCode: 'Code from the phone',
    pair: 'Pair',
    compare: 'Does your phone show this code?',
    yes: 'Yes',
    no: 'No',
    waitingPhone: 'Confirm on the phone too…',
    paired: 'Paired. Requests appear here.',
    idle: 'No requests.',
    request: (rpName: string) => `${rpName}: a request`,
    open: 'Open',
    asking: 'Asking the phone…',
    lock: 'Lock',
    locked: 'Locked. Requests go to the phone.',
    unlock: 'Unlock',
    unpair: 'Unpair',
    unpaired: 'Unpaired from the phone.',
    phoneOnly: 'This is a watch. Accounts and settings are on the phone.',
    backToWatch: 'Back to the watch',
  },

  errors: {
    TRANSPORT_FAILURE: 'The server cannot be reached. Check the connection and try again.',
    SERVER_ERROR: 'The server refused the request.',
    INVALID_RESPONSE: 'The server sent an answer this app does not understand.',
    NOT_ENROLLED: 'This app has no account for this request.',
    ACCOUNT_CHOICE_NEEDED: 'Choose which account answers.',
    ENCODED_MESSAGE_MISMATCH: 'The request did not match what would be signed. Nothing was signed.',
    INVALID_PIN_FORMAT: 'The PIN has the wrong number of digits.',
    PAIRING_FAILED: 'Pairing failed. Try again.',
    NOT_PAIRED: 'No watch is paired.',
    COMPANION_MESSAGE_REJECTED: 'A message from the paired device could not be read.',
    unknown: 'Something went wrong. Try again.',
  },
};

/** The strings' shape, for translations. */
export type Strings = typeof strings;
