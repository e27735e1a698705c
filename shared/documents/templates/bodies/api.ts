import type { Locale } from '#shared/i18n/locale';

// An OpenAPI 3.1 skeleton that validates as it is (shared/documents/openapi/validate.ts; the
// unit test holds it to that): one collection with a list and a read operation, a reusable
// schema, an error response in RFC 9457 problem+json, and examples, from which test cases can
// be generated. Only descriptions differ between the languages; paths, ids and keys do not.

function apiSkeleton(text: {
  title: string;
  description: string;
  listSummary: string;
  listResponse: string;
  getSummary: string;
  getResponse: string;
  notFound: string;
  itemDescription: string;
}): string {
  return `openapi: 3.1.0
info:
  title: ${text.title}
  version: 0.1.0
  description: ${text.description}
servers:
  - url: https://api.example.com/v1
tags:
  - name: items
paths:
  /items:
    get:
      operationId: listItems
      tags: [items]
      summary: ${text.listSummary}
      parameters:
        - name: limit
          in: query
          required: false
          schema:
            type: integer
            minimum: 1
            maximum: 100
            default: 20
      responses:
        '200':
          description: ${text.listResponse}
          content:
            application/json:
              schema:
                type: object
                required: [items]
                properties:
                  items:
                    type: array
                    items:
                      $ref: '#/components/schemas/Item'
              example:
                items:
                  - id: item-1
                    name: First item
  /items/{itemId}:
    get:
      operationId: getItem
      tags: [items]
      summary: ${text.getSummary}
      parameters:
        - name: itemId
          in: path
          required: true
          schema:
            type: string
      responses:
        '200':
          description: ${text.getResponse}
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Item'
              example:
                id: item-1
                name: First item
        '404':
          $ref: '#/components/responses/NotFound'
components:
  schemas:
    Item:
      type: object
      description: ${text.itemDescription}
      required: [id, name]
      properties:
        id:
          type: string
        name:
          type: string
          maxLength: 200
    Problem:
      type: object
      required: [type, title, status]
      properties:
        type:
          type: string
        title:
          type: string
        status:
          type: integer
        detail:
          type: string
  responses:
    NotFound:
      description: ${text.notFound}
      content:
        application/problem+json:
          schema:
            $ref: '#/components/schemas/Problem'
`;
}

/** The API design (OpenAPI 3.1 YAML) template's body in each language. */
export const API_BODY: Readonly<Record<Locale, string>> = {
  en: apiSkeleton({
    title: 'Service name',
    description: 'What this API is for and who calls it.',
    listSummary: 'Lists items',
    listResponse: 'The items, newest first',
    getSummary: 'Reads one item',
    getResponse: 'The item',
    notFound: 'No item with that id',
    itemDescription: 'One item of the collection',
  }),
  'zh-CN': apiSkeleton({
    title: '服务名称',
    description: '此 API 的用途及其调用方。',
    listSummary: '列出条目',
    listResponse: '条目列表，最新的在前',
    getSummary: '读取一个条目',
    getResponse: '该条目',
    notFound: '没有该 id 的条目',
    itemDescription: '集合中的一个条目',
  }),
};
