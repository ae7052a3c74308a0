export { SmileError } from './errors/base.js'
export { fromWad, toWad, WAD } from './math/wad.js'
