export { fromWad, toWad, WAD } from './math/wad.js'
