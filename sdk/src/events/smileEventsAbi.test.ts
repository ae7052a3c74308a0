import { describe, expect, it } from 'vitest'
import { collateralVaultAbi, marginEngineAbi, optionMarketAbi } from '../abi/generated.js'
import { smileEventsAbi } from './smileEventsAbi.js'

describe('smileEventsAbi', () => {
  it('has the events of the generated ABIs, item for item', () => {
    const generated = [...optionMarketAbi, ...collateralVaultAbi, ...marginEngineAbi]
    for (const event of smileEventsAbi) {
      const item = generated.find((i) => i.type === 'event' && i.name === event.name)
      if (item?.type !== 'event') throw new Error(`no event ${event.name}`)
      expect(event.inputs).toEqual(
        item.inputs.map(({ name, type, indexed }) => ({ name, type, indexed })),
      )
    }
    expect(smileEventsAbi).toHaveLength(18)
  })
})
