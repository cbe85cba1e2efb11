# language: es
@budapest @art_36 @art_37 @art_47
Característica: Quién está vinculado por el Convenio de Budapest, y desde cuándo
  El Convenio sólo se aplica entre dos Estados que sean Partes en la fecha de la solicitud.
  Para un Estado que se adhiere, entra en vigor el primer día del mes siguiente a la
  expiración de un plazo de tres meses desde el depósito del instrumento de adhesión (37.2);
  para un signatario que ratifica, igual desde la ratificación (36.4). Una denuncia surte
  efecto el primer día del mes siguiente a tres meses desde su recepción (47.2).
  El Perú se adhirió; el Convenio entró en vigor para el Perú el 1 de diciembre de 2019.

  Antecedentes:
    Dada la medida es conservación rápida
    Y el delito es prueba electrónica de cualquier delito

  Regla: El Convenio rige para el Perú desde el 2019-12-01, en ambas direcciones

    Esquema del escenario: <requirente> → <requerido> el <fecha>
      Dada la fecha es <fecha>
      Y una solicitud de <requirente> a <requerido>
      Entonces el Convenio de Budapest <resultado>

      Ejemplos:
        | fecha      | requirente | requerido | resultado |
        | 2019-11-30 | España     | Perú      | no aplica |
        | 2019-11-30 | Perú       | España    | no aplica |
        | 2019-12-01 | España     | Perú      | aplica    |
        | 2019-12-01 | Perú       | España    | aplica    |

    Escenario: El 30 de noviembre de 2019 el Perú aún no está vinculado
      Dada la fecha es 2019-11-30
      Y una solicitud de España al Perú
      Entonces el Convenio de Budapest no aplica porque PE: aún no está obligado según el artículo 37.2 del Convenio de Budapest
      Y la respuesta cita el artículo 37.2 del Convenio de Budapest
      Y los canales abiertos son exactamente: ninguno

    Escenario: Desde el 1 de diciembre de 2019 el Perú está vinculado
      Dada la fecha es 2019-12-01
      Y una solicitud de España al Perú
      Entonces el Convenio de Budapest aplica porque PE: en vigor desde el 2019-12-01
      Y la respuesta cita el artículo 36.4 del Convenio de Budapest

  Regla: Con un Estado que no es Parte, el Convenio no aplica

    Escenario: México no es Parte
      Dada la fecha es 2025-03-01
      Y una solicitud de España a México
      Entonces el Convenio de Budapest no aplica porque MX: no consta firma ni consentimiento
      Y no falta ningún dato

    Escenario: Si México se adhiriera el 2025-01-10, quedaría vinculado el 2025-05-01
      Dado que México se adhiere al Convenio de Budapest el 2025-01-10
      Y una solicitud de España a México
      Y la fecha es 2025-04-30
      Entonces el Convenio de Budapest no aplica porque aún no está obligado
      Dada la fecha es 2025-05-01
      Entonces el Convenio de Budapest aplica porque MX: en vigor desde el 2025-05-01

  Regla: Si no se sabe cuándo quedó vinculado un Estado, la respuesta queda abierta

    Escenario: Paraguay es Parte, pero su fecha de entrada en vigor no consta
      Dada la fecha es 2025-03-01
      Y una solicitud de España a Paraguay
      Entonces no se puede determinar si el Convenio de Budapest aplica porque party:budapest:PY
      Y faltan los datos: la entrada en vigor del Convenio de Budapest para Paraguay
      Y faltan los datos: party:budapest:PY

  Regla: Una denuncia surte efecto el primer día del mes siguiente a tres meses desde su recepción

    Esquema del escenario: Si el Perú denunciara el Convenio el 2025-01-15 (fecha <fecha>)
      Dado que el Perú denuncia el Convenio de Budapest el 2025-01-15
      Y la fecha es <fecha>
      Y una solicitud de España al Perú
      Entonces el Convenio de Budapest <resultado>

      Ejemplos:
        | fecha      | resultado |
        | 2025-04-30 | aplica    |
        | 2025-05-01 | no aplica |
