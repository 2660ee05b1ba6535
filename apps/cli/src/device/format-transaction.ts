import type { TransactionView } from '@tessera/protocol';

/** What the person is asked to confirm, as the headless device prints it. */
export function formatTransaction(view: TransactionView): string {
  const lines = [
    `${view.rpName} asks ${view.documentNumber} to confirm (${view.interaction.type}, ${view.signedContent.kind === 'acsp-v2' ? `login, ${view.signedContent.fields.flowType}` : `signature, ${view.signedContent.flowType}`}):`,
    `  "${view.interaction.displayText}"`,
  ];
  if (view.verificationCodeChoice !== null) {
    lines.push(`  choose the code shown by ${view.rpName}: ${view.verificationCodeChoice.join('  ')}`);
  } else if (view.verificationCode !== null) {
    lines.push(`  verification code: ${view.verificationCode} (it must match the one ${view.rpName} shows)`);
  }
  return `${lines.join('\n')}\n`;
}
