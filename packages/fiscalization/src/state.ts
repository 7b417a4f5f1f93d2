import {
  type CountryCode,
  countryOf,
  hasFlag,
  lowWord,
  STATE_ERROR,
  STATE_FAIL,
  StateFlag,
} from '@tillkit/models';

/** The named flags of an ftState low word. */
export interface FiscalStateFlags {
  /** 0x1: the security mechanism is out of operation (queue not started or stopped); the receipt was NOT processed. */
  outOfService: boolean;
  /** 0x2: the signature creation unit is temporarily unavailable (failed mode; a zero receipt clears it). */
  scuFailed: boolean;
  /** 0x8: late-signing mode is active (a zero receipt clears it). */
  lateSigning: boolean;
  /** 0x40: a message is pending (see the action journal). */
  messagePending: boolean;
  /** 0x100: the daily closing is due. */
  dailyClosingDue: boolean;
  /** 0x200: the monthly closing is due. */
  monthlyClosingDue: boolean;
  /** 0x400: the yearly closing is due. */
  yearlyClosingDue: boolean;
}

/** An ftState decoded in the official evaluation order: error/fail words first, then the flags. */
export interface FiscalState {
  /** The raw 64-bit value. */
  value: bigint;
  /** `0x…` form, for logs and messages. */
  hex: string;
  country: CountryCode | undefined;
  /** `error` = low word EEEE_EEEE (queue item, no receipt number); `fail` = FFFF_FFFF (nothing persisted). */
  outcome: 'ok' | 'error' | 'fail';
  flags: FiscalStateFlags;
  /** True when signed with any flag set: the receipt is valid but the caller must act (zero receipt, closing…). */
  degraded: boolean;
}

const noFlags: FiscalStateFlags = {
  outOfService: false,
  scuFailed: false,
  lateSigning: false,
  messagePending: false,
  dailyClosingDue: false,
  monthlyClosingDue: false,
  yearlyClosingDue: false,
};

/**
 * Decodes an ftState. The error and fail words overlap every flag bit, so they are compared whole
 * first (DOC-ERR); reading the flags of `0x…EEEE_EEEE` would report nonsense.
 *
 * @example decodeFiscalState(0x4154_2000_0000_0108n).flags // { lateSigning: true, dailyClosingDue: true, … }
 */
export function decodeFiscalState(value: bigint): FiscalState {
  const low = lowWord(value);
  const base = { value, hex: `0x${value.toString(16).padStart(16, '0')}`, country: countryOf(value) };
  if (low === STATE_ERROR || low === STATE_FAIL) {
    return { ...base, outcome: low === STATE_ERROR ? 'error' : 'fail', flags: noFlags, degraded: false };
  }
  const has = (flag: bigint) => hasFlag(low, flag);
  const flags: FiscalStateFlags = {
    outOfService: has(StateFlag.OutOfOperation),
    scuFailed: has(StateFlag.ScuFailed),
    lateSigning: has(StateFlag.LateSigning),
    messagePending: has(StateFlag.MessagePending),
    dailyClosingDue: has(StateFlag.DailyClosingDue),
    monthlyClosingDue: has(StateFlag.MonthlyClosingDue),
    yearlyClosingDue: has(StateFlag.YearlyClosingDue),
  };
  return { ...base, outcome: 'ok', flags, degraded: low !== 0n };
}
