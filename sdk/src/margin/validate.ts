import { InvalidBuildArgumentError } from '../errors/market.js'
import { isCanonicalSeriesId } from '../math/wad/seriesId.js'

/** `MarginEngine.MAX_POSITION_SIZE`: 2^87 − 1 wad, the size field of a packed position. */
export const MAX_POSITION_SIZE = (1n << 87n) - 1n

/** `MarginEngine.MAX_POSITIONS`: series an account may be short at once. */
export const MAX_POSITIONS = 4n

/** Accounts are numbered from 1: throws for an id below. */
export function checkAccountId(argument: string, accountId: bigint): void {
  if (accountId <= 0n)
    throw new InvalidBuildArgumentError(argument, accountId, 'accounts are numbered from 1')
}

/** A positive amount, token units or wad. */
export function checkPositive(argument: string, value: bigint): void {
  if (value <= 0n) throw new InvalidBuildArgumentError(argument, value, 'must be positive')
}

/** A size the engine takes (`InvalidSize` otherwise) of a canonical series. */
export function checkTrade(id: bigint, size: bigint): void {
  if (!isCanonicalSeriesId(id))
    throw new InvalidBuildArgumentError('id', id, 'is not a canonical series id')
  checkPositive('size', size)
  if (size > MAX_POSITION_SIZE)
    throw new InvalidBuildArgumentError('size', size, `must be at most ${MAX_POSITION_SIZE}`)
}

/** A premium limit (not negative) and a deadline (a timestamp), both required. */
export function checkLimits(limitName: string, limit: bigint, deadline: bigint): void {
  if (limit < 0n) throw new InvalidBuildArgumentError(limitName, limit, 'must not be negative')
  if (deadline <= 0n)
    throw new InvalidBuildArgumentError('deadline', deadline, 'must be a timestamp')
}
