<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="es">
<context>
    <name></name>
    <message>
        <source>No se pudo abrir la base de datos</source>
        <translation>Could not open the database</translation>
    </message>
    <message>
        <source>Registro mensual — {unit}</source>
        <translation>Monthly results — {unit}</translation>
    </message>
    <message>
        <source>Mes</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Estado de la carga</source>
        <translation>Loading status</translation>
    </message>
    <message>
        <source>Deshacer</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Rehacer</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>Guardar</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Lo que falta para guardar</source>
        <translation>What is missing before saving</translation>
    </message>
    <message>
        <source>Estado del envío</source>
        <translation>Submission status</translation>
    </message>
    <message>
        <source>Enviar para revisión</source>
        <translation>Submit for review</translation>
    </message>
    <message>
        <source>Leyendo el estado del mes…</source>
        <translation>Reading the month&apos;s status…</translation>
    </message>
    <message>
        <source>Estado del mes: {state}</source>
        <translation>Month status: {state}</translation>
    </message>
    <message>
        <source>motivo: {reason}</source>
        <translation>reason: {reason}</translation>
    </message>
    <message>
        <source>{count} rojos sin justificar</source>
        <translation>{count} reds not justified</translation>
    </message>
    <message>
        <source>en revisión por planificación</source>
        <translation>under review by planning</translation>
    </message>
    <message>
        <source>mes cerrado</source>
        <translation>month closed</translation>
    </message>
    <message>
        <source>Nada impide el envío.</source>
        <translation>Nothing blocks the submission.</translation>
    </message>
    <message>
        <source>falta {missing}</source>
        <translation>missing {missing}</translation>
    </message>
    <message>
        <source>Enviar</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>Guarde los cambios antes de enviar.</source>
        <translation>Save your changes before submitting.</translation>
    </message>
    <message>
        <source>Aún no se puede enviar: estos rojos necesitan causa y acción correctiva.</source>
        <translation>Cannot submit yet: these reds need a cause and a corrective action.</translation>
    </message>
    <message>
        <source>Auditoría</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>p. ej. 2025-10 o 2025</source>
        <translation>e.g. 2025-10 or 2025</translation>
    </message>
    <message>
        <source>Todas las acciones</source>
        <translation>All actions</translation>
    </message>
    <message>
        <source>Unidad (y las de abajo)</source>
        <translation>Unit (and those below)</translation>
    </message>
    <message>
        <source>Usuario</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Acción</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Máximo de filas</source>
        <translation>Maximum rows</translation>
    </message>
    <message>
        <source>&amp;Buscar</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>Historial de cambios</source>
        <translation>Change history</translation>
    </message>
    <message>
        <source>Resumen de la búsqueda</source>
        <translation>Search summary</translation>
    </message>
    <message>
        <source>Cerrar</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Comprobando la cadena de la auditoría…</source>
        <translation>Checking the audit trail&apos;s chain…</translation>
    </message>
    <message>
        <source>Estado de la cadena de auditoría</source>
        <translation>State of the audit chain</translation>
    </message>
    <message>
        <source>Buscando…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>{count} cambios, del más reciente al más antiguo</source>
        <translation>{count} changes, newest first</translation>
    </message>
    <message>
        <source>se muestran solo los {limit} más recientes</source>
        <translation>only the {limit} newest are shown</translation>
    </message>
    <message>
        <source>Unidad: {unit}</source>
        <translation>Unit: {unit}</translation>
    </message>
    <message>
        <source>Mes:</source>
        <translation>Month:</translation>
    </message>
    <message>
        <source>Registro mensual</source>
        <translation>Monthly results</translation>
    </message>
    <message>
        <source>Causa</source>
        <translation>Cause</translation>
    </message>
    <message>
        <source>Por qué el resultado se apartó de la meta</source>
        <translation>Why the result missed the target</translation>
    </message>
    <message>
        <source>Acción correctiva</source>
        <translation>Corrective action</translation>
    </message>
    <message>
        <source>Qué se hará, quién y para cuándo</source>
        <translation>What will be done, by whom and by when</translation>
    </message>
    <message>
        <source>Justificación</source>
        <translation>Justification</translation>
    </message>
    <message>
        <source>su ámbito</source>
        <translation>your scope</translation>
    </message>
    <message>
        <source>Cargando el registro…</source>
        <translation>Loading the sheet…</translation>
    </message>
    <message>
        <source>No hay indicadores que reportar en este mes.</source>
        <translation>No indicators are due this month.</translation>
    </message>
    <message>
        <source>{count} celdas por corregir</source>
        <translation>{count} cells to correct</translation>
    </message>
    <message>
        <source>Todo en orden para guardar.</source>
        <translation>Ready to save.</translation>
    </message>
    <message>
        <source>Sin cambios.</source>
        <translation>No changes.</translation>
    </message>
    <message>
        <source>{count} en rojo</source>
        <translation>{count} red</translation>
    </message>
    <message>
        <source>Guardado: {new} nuevos, {changed} cambiados.</source>
        <translation>Saved: {new} new, {changed} changed.</translation>
    </message>
    <message>
        <source>Hay cambios sin guardar. ¿Guardarlos?</source>
        <translation>There are unsaved changes. Save them?</translation>
    </message>
    <message>
        <source>enero</source>
        <translation>January</translation>
    </message>
    <message>
        <source>febrero</source>
        <translation>February</translation>
    </message>
    <message>
        <source>marzo</source>
        <translation>March</translation>
    </message>
    <message>
        <source>abril</source>
        <translation>April</translation>
    </message>
    <message>
        <source>mayo</source>
        <translation>May</translation>
    </message>
    <message>
        <source>junio</source>
        <translation>June</translation>
    </message>
    <message>
        <source>julio</source>
        <translation>July</translation>
    </message>
    <message>
        <source>agosto</source>
        <translation>August</translation>
    </message>
    <message>
        <source>septiembre</source>
        <translation>September</translation>
    </message>
    <message>
        <source>octubre</source>
        <translation>October</translation>
    </message>
    <message>
        <source>noviembre</source>
        <translation>November</translation>
    </message>
    <message>
        <source>diciembre</source>
        <translation>December</translation>
    </message>
    <message>
        <source>ene</source>
        <translation>Jan</translation>
    </message>
    <message>
        <source>feb</source>
        <translation>Feb</translation>
    </message>
    <message>
        <source>mar</source>
        <translation>Mar</translation>
    </message>
    <message>
        <source>abr</source>
        <translation>Apr</translation>
    </message>
    <message>
        <source>may</source>
        <translation>May</translation>
    </message>
    <message>
        <source>jun</source>
        <translation>Jun</translation>
    </message>
    <message>
        <source>jul</source>
        <translation>Jul</translation>
    </message>
    <message>
        <source>ago</source>
        <translation>Aug</translation>
    </message>
    <message>
        <source>sep</source>
        <translation>Sep</translation>
    </message>
    <message>
        <source>oct</source>
        <translation>Oct</translation>
    </message>
    <message>
        <source>nov</source>
        <translation>Nov</translation>
    </message>
    <message>
        <source>dic</source>
        <translation>Dec</translation>
    </message>
    <message>
        <source>mayor es mejor</source>
        <translation>higher is better</translation>
    </message>
    <message>
        <source>menor es mejor</source>
        <translation>lower is better</translation>
    </message>
    <message>
        <source>dentro de una banda</source>
        <translation>within a band</translation>
    </message>
    <message>
        <source>conteo (se suma)</source>
        <translation>count (adds up)</translation>
    </message>
    <message>
        <source>existencia (último valor)</source>
        <translation>stock (latest value)</translation>
    </message>
    <message>
        <source>promedio</source>
        <translation>average</translation>
    </message>
    <message>
        <source>razón (numerador / denominador)</source>
        <translation>ratio (numerator / denominator)</translation>
    </message>
    <message>
        <source>mensual</source>
        <translation>monthly</translation>
    </message>
    <message>
        <source>trimestral</source>
        <translation>quarterly</translation>
    </message>
    <message>
        <source>semestral</source>
        <translation>half-yearly</translation>
    </message>
    <message>
        <source>anual</source>
        <translation>annual</translation>
    </message>
    <message>
        <source>contra la meta</source>
        <translation>against the target</translation>
    </message>
    <message>
        <source>avance desde la línea base</source>
        <translation>progress from the baseline</translation>
    </message>
    <message>
        <source>Indicador {code} — {name}</source>
        <translation>Indicator {code} — {name}</translation>
    </message>
    <message>
        <source>Unidad del gráfico</source>
        <translation>Unit shown in the chart</translation>
    </message>
    <message>
        <source>unidad seleccionada</source>
        <translation>selected unit</translation>
    </message>
    <message>
        <source>Pase el puntero sobre el gráfico para ver las cifras exactas.</source>
        <translation>Hover over the chart to see the exact figures.</translation>
    </message>
    <message>
        <source>Cifras del mes</source>
        <translation>Figures of the month</translation>
    </message>
    <message>
        <source>Gráfico de {code}: resultado frente a meta por mes</source>
        <translation>Chart of {code}: result against target by month</translation>
    </message>
    <message>
        <source>Vistas del gráfico</source>
        <translation>Chart views</translation>
    </message>
    <message>
        <source>Todos los años, mes a mes</source>
        <translation>Every year, month by month</translation>
    </message>
    <message>
        <source>Totales anuales</source>
        <translation>Annual totals</translation>
    </message>
    <message>
        <source>Leyendo la historia de todos los años…</source>
        <translation>Reading the history of every year…</translation>
    </message>
    <message>
        <source>Unidad:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <source>Código</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Objetivo</source>
        <translation>Objective</translation>
    </message>
    <message>
        <source>Descripción</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Fórmula</source>
        <translation>Formula</translation>
    </message>
    <message>
        <source>Unidad de medida</source>
        <translation>Unit of measure</translation>
    </message>
    <message>
        <source>nuevos</source>
        <translation>new</translation>
    </message>
    <message>
        <source>cambiados</source>
        <translation>changed</translation>
    </message>
    <message>
        <source>sin cambio</source>
        <translation>unchanged</translation>
    </message>
    <message>
        <source>filas omitidas</source>
        <translation>rows skipped</translation>
    </message>
    <message>
        <source>Hoja {sheet}, fila {row}, columna {column}{value}: {message}</source>
        <translation>Sheet {sheet}, row {row}, column {column}{value}: {message}</translation>
    </message>
    <message>
        <source>{rows} filas leídas · meses {first} a {last}</source>
        <translation>{rows} rows read · months {first} to {last}</translation>
    </message>
    <message>
        <source>metas</source>
        <translation>targets</translation>
    </message>
    <message>
        <source>resultados</source>
        <translation>results</translation>
    </message>
    <message>
        <source>{rows} filas leídas · {what}</source>
        <translation>{rows} rows read · {what}</translation>
    </message>
    <message>
        <source>{rows} filas leídas</source>
        <translation>{rows} rows read</translation>
    </message>
    <message>
        <source>{count} cifras con alertas de calidad (no impiden importar)</source>
        <translation>{count} figures with quality flags (they do not block the import)</translation>
    </message>
    <message>
        <source>Archivo</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Elija el archivo que quiere importar; la aplicación reconoce de qué tipo es.</source>
        <translation>Choose the file to import; the app recognises its kind.</translation>
    </message>
    <message>
        <source>Archivo a importar</source>
        <translation>File to import</translation>
    </message>
    <message>
        <source>Examinar…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Formatos: Excel (.xlsx, .xlsm), OpenDocument (.ods) y CSV.</source>
        <translation>Formats: Excel (.xlsx, .xlsm), OpenDocument (.ods) and CSV.</translation>
    </message>
    <message>
        <source>Fuente de las cifras</source>
        <translation>Source of the figures</translation>
    </message>
    <message>
        <source>fuente oficial de cada indicador</source>
        <translation>each indicator&apos;s official source</translation>
    </message>
    <message>
        <source>Fuente:</source>
        <translation>Source:</translation>
    </message>
    <message>
        <source>Hojas de cálculo (*.xlsx *.xlsm *.ods *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.xlsm *.ods *.csv)</translation>
    </message>
    <message>
        <source>Leyendo {file}…</source>
        <translation>Reading {file}…</translation>
    </message>
    <message>
        <source>No se reconoce el tipo de archivo: ninguna columna de fecha y unidad conocida.</source>
        <translation>The file&apos;s kind is not recognised: no known date and unit columns.</translation>
    </message>
    <message>
        <source>Tipo detectado: {kind} · hoja «{sheet}» · {columns} columnas</source>
        <translation>Detected kind: {kind} · sheet “{sheet}” · {columns} columns</translation>
    </message>
    <message>
        <source>Tipo detectado: {kind} · mapeo «{mapping}» · hoja «{sheet}» · {columns} columnas</source>
        <translation>Detected kind: {kind} · mapping &apos;{mapping}&apos; · sheet &apos;{sheet}&apos; · {columns} columns</translation>
    </message>
    <message>
        <source>Tipo y mapeo</source>
        <translation>Kind and mapping</translation>
    </message>
    <message>
        <source>Qué columna dice la fecha, cuál la unidad, a qué indicador van y qué filas cuentan.</source>
        <translation>Which column holds the date, which the unit, which indicator the rows feed and which rows count.</translation>
    </message>
    <message>
        <source>vacío: cuentan todas las filas</source>
        <translation>empty: every row counts</translation>
    </message>
    <message>
        <source>Guardar mapeo</source>
        <translation>Save mapping</translation>
    </message>
    <message>
        <source>Unidad de la hoja</source>
        <translation>The sheet&apos;s unit</translation>
    </message>
    <message>
        <source>Indicador de la hoja</source>
        <translation>The sheet&apos;s indicator</translation>
    </message>
    <message>
        <source>Mapeo de categorías</source>
        <translation>Categories mapping</translation>
    </message>
    <message>
        <source>Tipo</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Nombre del mapeo</source>
        <translation>Mapping name</translation>
    </message>
    <message>
        <source>Columna de fecha</source>
        <translation>Date column</translation>
    </message>
    <message>
        <source>Columna de unidad</source>
        <translation>Unit column</translation>
    </message>
    <message>
        <source>Columna de filtro</source>
        <translation>Filter column</translation>
    </message>
    <message>
        <source>Valores que cuentan</source>
        <translation>Values that count</translation>
    </message>
    <message>
        <source>Diga de qué trata la hoja donde ella no lo dice: su unidad, su indicador o el mapeo de sus categorías.</source>
        <translation>Say what the sheet is about where it does not: its unit, its indicator or its categories&apos; mapping.</translation>
    </message>
    <message>
        <source>Este tipo de archivo no necesita mapeo: sus columnas son las de la aplicación.</source>
        <translation>This kind of file needs no mapping: its columns are the app&apos;s own.</translation>
    </message>
    <message>
        <source>Hoja ancha, hoja «{sheet}»: columnas {columns}</source>
        <translation>Wide sheet, sheet &apos;{sheet}&apos;: columns {columns}</translation>
    </message>
    <message>
        <source>Plantilla del periodo, hoja «{sheet}»: columnas {columns}</source>
        <translation>Template of the period, sheet “{sheet}”: columns {columns}</translation>
    </message>
    <message>
        <source>Tabla larga, hoja «{sheet}»: columnas reconocidas {columns}</source>
        <translation>Long table, sheet “{sheet}”: recognised columns {columns}</translation>
    </message>
    <message>
        <source>Mapeo «{name}» guardado para la próxima vez.</source>
        <translation>Mapping &apos;{name}&apos; saved for next time.</translation>
    </message>
    <message>
        <source>Indique el indicador y las columnas de fecha y de unidad.</source>
        <translation>Give the indicator and the date and unit columns.</translation>
    </message>
    <message>
        <source>Metas desde la historia</source>
        <translation>Targets from history</translation>
    </message>
    <message>
        <source>Año de las metas</source>
        <translation>Targets&apos; year</translation>
    </message>
    <message>
        <source>Año de referencia</source>
        <translation>Reference year</translation>
    </message>
    <message>
        <source>Años de referencia</source>
        <translation>Reference years</translation>
    </message>
    <message>
        <source>Cambio sobre la referencia</source>
        <translation>Change on the reference</translation>
    </message>
    <message>
        <source>Perfil</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>Estacional: mes a mes como la referencia</source>
        <translation>Seasonal: month by month like the reference</translation>
    </message>
    <message>
        <source>Uniforme: el año repartido por igual</source>
        <translation>Even: the year spread equally</translation>
    </message>
    <message>
        <source>Motivo (queda en la auditoría)</source>
        <translation>Reason (kept in the audit)</translation>
    </message>
    <message>
        <source>Indicadores:</source>
        <translation>Indicators:</translation>
    </message>
    <message>
        <source>Metas de</source>
        <translation>Targets for</translation>
    </message>
    <message>
        <source>desde</source>
        <translation>from</translation>
    </message>
    <message>
        <source>años:</source>
        <translation>years:</translation>
    </message>
    <message>
        <source>Años:</source>
        <translation>Years:</translation>
    </message>
    <message>
        <source>Cambio:</source>
        <translation>Change:</translation>
    </message>
    <message>
        <source>Perfil:</source>
        <translation>Profile:</translation>
    </message>
    <message>
        <source>Vista previa</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Elija los años y el cambio, y pida la vista previa.</source>
        <translation>Choose the years and the change, then ask for the preview.</translation>
    </message>
    <message>
        <source>Metas derivadas</source>
        <translation>Derived targets</translation>
    </message>
    <message>
        <source>Aplicar</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>vista previa</source>
        <translation>preview</translation>
    </message>
    <message>
        <source>{n} metas de {units} unidades, {new} nuevas y {changed} que cambian.</source>
        <translation>{n} targets of {units} units, {new} new and {changed} that change.</translation>
    </message>
    <message>
        <source> y {n} más</source>
        <translation> and {n} more</translation>
    </message>
    <message>
        <source>{indicator}, sin historia para {months}: {units}</source>
        <translation>{indicator}, no history for {months}: {units}</translation>
    </message>
    <message>
        <source>… y {n} grupos más</source>
        <translation>… and {n} more groups</translation>
    </message>
    <message>
        <source>Los datos cambiaron: pida otra vista previa.</source>
        <translation>The inputs changed: ask for another preview.</translation>
    </message>
    <message>
        <source>Escritas: {new} metas nuevas y {changed} cambiadas, con el motivo «{reason}».</source>
        <translation>Written: {new} new targets and {changed} changed, with the reason &apos;{reason}&apos;.</translation>
    </message>
    <message>
        <source>Lo que cambiaría en la base de datos; todavía no se ha escrito nada.</source>
        <translation>What would change in the database; nothing has been written yet.</translation>
    </message>
    <message>
        <source>Importar</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Cifras que cambiarían</source>
        <translation>Figures that would change</translation>
    </message>
    <message>
        <source>Cifras que cambiarían (unidad y mes: antes → después)</source>
        <translation>Figures that would change (unit and month: before → after)</translation>
    </message>
    <message>
        <source>Problemas del archivo</source>
        <translation>Problems in the file</translation>
    </message>
    <message>
        <source>Simulando la importación…</source>
        <translation>Simulating the import…</translation>
    </message>
    <message>
        <source>institución {institution}</source>
        <translation>institution {institution}</translation>
    </message>
    <message>
        <source>Cifras nuevas o que cambiarían (unidad, periodo e indicador: antes → después)</source>
        <translation>New figures or figures that would change (unit, period and indicator: before → after)</translation>
    </message>
    <message>
        <source>Lote {batch}</source>
        <translation>Batch {batch}</translation>
    </message>
    <message>
        <source>El tablero ya muestra las cifras nuevas.</source>
        <translation>The scorecard already shows the new figures.</translation>
    </message>
    <message>
        <source>se muestran las primeras {listed} de {changed}</source>
        <translation>showing the first {listed} of {changed}</translation>
    </message>
    <message>
        <source>(sin nombre)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <source>Corrija el archivo: no se puede importar.</source>
        <translation>Fix the file: it cannot be imported.</translation>
    </message>
    <message>
        <source>Importación</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Todo o nada: si cancela, la base de datos queda como estaba.</source>
        <translation>All or nothing: if you cancel, the database stays as it was.</translation>
    </message>
    <message>
        <source>Progreso de la importación</source>
        <translation>Import progress</translation>
    </message>
    <message>
        <source>Cancelar importación</source>
        <translation>Cancel import</translation>
    </message>
    <message>
        <source>Cancelando…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Comparando y guardando las cifras…</source>
        <translation>Comparing and saving the figures…</translation>
    </message>
    <message>
        <source>Importación terminada.</source>
        <translation>Import finished.</translation>
    </message>
    <message>
        <source>No se importó nada.</source>
        <translation>Nothing was imported.</translation>
    </message>
    <message>
        <source>Informe de la importación</source>
        <translation>Import report</translation>
    </message>
    <message>
        <source>Guardar informe (.xlsx)…</source>
        <translation>Save report (.xlsx)…</translation>
    </message>
    <message>
        <source>Guardar informe</source>
        <translation>Save report</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Guardando el informe…</source>
        <translation>Saving the report…</translation>
    </message>
    <message>
        <source>Guardado en {path}</source>
        <translation>Saved to {path}</translation>
    </message>
    <message>
        <source>Importar datos — {institution}</source>
        <translation>Import data — {institution}</translation>
    </message>
    <message>
        <source>Siguiente &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <source>&lt; Atrás</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <source>Terminar</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Polaridad</source>
        <translation>Polarity</translation>
    </message>
    <message>
        <source>Frecuencia</source>
        <translation>Frequency</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>Factor</translation>
    </message>
    <message>
        <source>Método</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>Banda</source>
        <translation>Band</translation>
    </message>
    <message>
        <source>Línea base</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <source>Peso</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>Umbral verde</source>
        <translation>Green threshold</translation>
    </message>
    <message>
        <source>Umbral amarillo</source>
        <translation>Yellow threshold</translation>
    </message>
    <message>
        <source>Niveles que reportan</source>
        <translation>Reporting levels</translation>
    </message>
    <message>
        <source>Fuente</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Responsable</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>Ficha del indicador</source>
        <translation>Indicator sheet</translation>
    </message>
    <message>
        <source>sobre el límite de 99,8 %</source>
        <translation>above the 99.8 % limit</translation>
    </message>
    <message>
        <source>sobre el límite de 95 %</source>
        <translation>above the 95 % limit</translation>
    </message>
    <message>
        <source>bajo el límite de 99,8 %</source>
        <translation>below the 99.8 % limit</translation>
    </message>
    <message>
        <source>bajo el límite de 95 %</source>
        <translation>below the 95 % limit</translation>
    </message>
    <message>
        <source>dentro de los límites</source>
        <translation>within the limits</translation>
    </message>
    <message>
        <source>Referencia</source>
        <translation>Benchmark</translation>
    </message>
    <message>
        <source>Promedio de las unidades</source>
        <translation>Average of the units</translation>
    </message>
    <message>
        <source>Meta</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Gráfico de embudo: tasa de cada unidad frente a su exposición</source>
        <translation>Funnel plot: each unit&apos;s rate against its exposure</translation>
    </message>
    <message>
        <source>Exposición</source>
        <translation>Exposure</translation>
    </message>
    <message>
        <source>Unidades sin exposición</source>
        <translation>Units without exposure</translation>
    </message>
    <message>
        <source>El plan no tiene indicadores de conteo ni de razón.</source>
        <translation>The plan has no count or ratio indicators.</translation>
    </message>
    <message>
        <source>No se pudo calcular: {error}</source>
        <translation>Could not be computed: {error}</translation>
    </message>
    <message>
        <source>Tasa × {factor}</source>
        <translation>Rate × {factor}</translation>
    </message>
    <message>
        <source>Referencia {value}</source>
        <translation>Benchmark {value}</translation>
    </message>
    <message>
        <source>sobredispersión: límites ampliados</source>
        <translation>over-dispersion: limits widened</translation>
    </message>
    <message>
        <source>Sin exposición: {units}</source>
        <translation>Without exposure: {units}</translation>
    </message>
    <message>
        <source>Límites de 95 %</source>
        <translation>95 % limits</translation>
    </message>
    <message>
        <source>Límites de 99,8 %</source>
        <translation>99.8 % limits</translation>
    </message>
    <message>
        <source>Tasa: {value}</source>
        <translation>Rate: {value}</translation>
    </message>
    <message>
        <source>Observados {observed}, esperados {expected}</source>
        <translation>Observed {observed}, expected {expected}</translation>
    </message>
    <message>
        <source>Resultado</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>{code} en {unit}</source>
        <translation>{code} in {unit}</translation>
    </message>
    <message>
        <source>{month} {year}: resultado {value} · meta {target} · {status}</source>
        <translation>{month} {year}: result {value} · target {target} · {status}</translation>
    </message>
    <message>
        <source>Institución</source>
        <translation>Institution</translation>
    </message>
    <message>
        <source>Buscar unidad…</source>
        <translation>Search unit…</translation>
    </message>
    <message>
        <source>Unidades</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>Periodo</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Acumulado (año a la fecha)</source>
        <translation>Year to date</translation>
    </message>
    <message>
        <source>Puntaje</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Estado del cálculo</source>
        <translation>Calculation status</translation>
    </message>
    <message>
        <source>Cuadro de mando</source>
        <translation>Scorecard</translation>
    </message>
    <message>
        <source>Doble clic en un indicador: su ficha y su evolución</source>
        <translation>Double-click an indicator: its sheet and its trend</translation>
    </message>
    <message>
        <source>Unidades subordinadas</source>
        <translation>Units below</translation>
    </message>
    <message>
        <source>Unidades subordinadas, por puntaje</source>
        <translation>Units below, ranked by score</translation>
    </message>
    <message>
        <source>&amp;Archivo</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Registro mensual…</source>
        <translation>&amp;Monthly results…</translation>
    </message>
    <message>
        <source>&amp;Copia de seguridad…</source>
        <translation>&amp;Back up…</translation>
    </message>
    <message>
        <source>Restaurar copia de &amp;seguridad…</source>
        <translation>&amp;Restore a backup…</translation>
    </message>
    <message>
        <source>&amp;Vista previa de impresión…</source>
        <translation>Print pre&amp;view…</translation>
    </message>
    <message>
        <source>&amp;Salir</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Ver</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Actualizar</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;Idioma</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>A&amp;yuda</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Acerca de</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>Calculando…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <source>{scored} de {total} indicadores</source>
        <translation>{scored} of {total} indicators</translation>
    </message>
    <message>
        <source>Tasa de reporte {value}</source>
        <translation>Completeness {value}</translation>
    </message>
    <message>
        <source>Oportunidad {value}</source>
        <translation>Timeliness {value}</translation>
    </message>
    <message>
        <source>Idioma</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>No se encontró la traducción; reinicie la aplicación.</source>
        <translation>The translation was not found; restart the app.</translation>
    </message>
    <message>
        <source>Copia de seguridad</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Base de datos SQLite (*.sqlite)</source>
        <translation>SQLite database (*.sqlite)</translation>
    </message>
    <message>
        <source>Copia de seguridad guardada en {path}</source>
        <translation>Backup saved to {path}</translation>
    </message>
    <message>
        <source>Restaurar copia de seguridad</source>
        <translation>Restore a backup</translation>
    </message>
    <message>
        <source>Los datos actuales se reemplazarán por los de {path}. ¿Continuar?</source>
        <translation>The current data will be replaced by that of {path}. Continue?</translation>
    </message>
    <message>
        <source>Copia de seguridad restaurada desde {path}</source>
        <translation>Backup restored from {path}</translation>
    </message>
    <message>
        <source>Acerca del Tablero GPR</source>
        <translation>About GPR Scorecard</translation>
    </message>
    <message>
        <source>Tablero de Gobierno por Resultados para la seguridad ciudadana.</source>
        <translation>Results-based management scorecard for public security.</translation>
    </message>
    <message>
        <source>Versión {version}</source>
        <translation>Version {version}</translation>
    </message>
    <message>
        <source>Iniciar sesión — Tablero GPR</source>
        <translation>Sign in — GPR Scorecard</translation>
    </message>
    <message>
        <source>Tablero GPR</source>
        <translation>GPR Scorecard</translation>
    </message>
    <message>
        <source>Base de datos: {where}</source>
        <translation>Database: {where}</translation>
    </message>
    <message>
        <source>Contraseña</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Mensaje de inicio de sesión</source>
        <translation>Sign-in message</translation>
    </message>
    <message>
        <source>&amp;Usuario:</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <source>&amp;Contraseña:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>&amp;Recordar la contraseña en el llavero del sistema</source>
        <translation>&amp;Remember the password in the system keyring</translation>
    </message>
    <message>
        <source>Recordar la contraseña</source>
        <translation>Remember the password</translation>
    </message>
    <message>
        <source>Entrar</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Escriba su usuario.</source>
        <translation>Type your user name.</translation>
    </message>
    <message>
        <source>Vista previa de impresión</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <source>editar {cell}</source>
        <translation>edit {cell}</translation>
    </message>
    <message>
        <source>Envío</source>
        <translation>Submission</translation>
    </message>
    <message>
        <source>Unidad</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Lote</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>Población</source>
        <translation>Population</translation>
    </message>
    <message>
        <source>Base de datos</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>causa</source>
        <translation>cause</translation>
    </message>
    <message>
        <source>acción correctiva</source>
        <translation>corrective action</translation>
    </message>
    <message>
        <source>valor</source>
        <translation>value</translation>
    </message>
    <message>
        <source>numerador</source>
        <translation>numerator</translation>
    </message>
    <message>
        <source>denominador</source>
        <translation>denominator</translation>
    </message>
    <message>
        <source>comentario</source>
        <translation>comment</translation>
    </message>
    <message>
        <source>meta</source>
        <translation>target</translation>
    </message>
    <message>
        <source>rol</source>
        <translation>role</translation>
    </message>
    <message>
        <source>Fecha y hora</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <source>Objeto</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>Dónde</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>Anterior → nuevo</source>
        <translation>Old → new</translation>
    </message>
    <message>
        <source>Certificar cifra</source>
        <translation>Certify figure</translation>
    </message>
    <message>
        <source>{indicator} · {unit} · {period}: elija la cifra que la institución certifica.</source>
        <translation>{indicator} · {unit} · {period}: choose the figure the institution certifies.</translation>
    </message>
    <message>
        <source>Cifra</source>
        <translation>Figure</translation>
    </message>
    <message>
        <source>{source}: {value}</source>
        <translation>{source}: {value}</translation>
    </message>
    <message>
        <source>Otro valor (conciliado):</source>
        <translation>Another value (reconciled):</translation>
    </message>
    <message>
        <source>Valor conciliado</source>
        <translation>Reconciled value</translation>
    </message>
    <message>
        <source>Motivo</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Por qué esta cifra (obligatorio)</source>
        <translation>Why this figure (required)</translation>
    </message>
    <message>
        <source>Certificar</source>
        <translation>Certify</translation>
    </message>
    <message>
        <source>Falta el motivo.</source>
        <translation>The reason is missing.</translation>
    </message>
    <message>
        <source>Escriba el valor conciliado.</source>
        <translation>Type the reconciled value.</translation>
    </message>
    <message>
        <source>Improbablemente alto</source>
        <translation>Improbably high</translation>
    </message>
    <message>
        <source>Improbablemente bajo</source>
        <translation>Improbably low</translation>
    </message>
    <message>
        <source>Cero tras una racha</source>
        <translation>Zero after a run</translation>
    </message>
    <message>
        <source>Porcentaje sobre 100 %</source>
        <translation>Percentage over 100 %</translation>
    </message>
    <message>
        <source>Tasa inestable</source>
        <translation>Unstable rate</translation>
    </message>
    <message>
        <source>Antes</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>Después</source>
        <translation>After</translation>
    </message>
    <message>
        <source>Diferencia</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>Calidad</source>
        <translation>Quality</translation>
    </message>
    <message>
        <source>Indicador</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>Numerador</source>
        <translation>Numerator</translation>
    </message>
    <message>
        <source>Denominador</source>
        <translation>Denominator</translation>
    </message>
    <message>
        <source>Cumplimiento</source>
        <translation>Performance</translation>
    </message>
    <message>
        <source>Semáforo</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Comentario</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>el denominador debe ser mayor que cero</source>
        <translation>the denominator must be greater than zero</translation>
    </message>
    <message>
        <source>no puede ser negativo</source>
        <translation>cannot be negative</translation>
    </message>
    <message>
        <source>una razón necesita numerador y denominador</source>
        <translation>a ratio needs a numerator and a denominator</translation>
    </message>
    <message>
        <source>en rojo: escriba la causa y la acción correctiva</source>
        <translation>red: write the cause and the corrective action</translation>
    </message>
    <message>
        <source>«{text}» no es un número: use la coma decimal (1.234,5)</source>
        <translation>&apos;{text}&apos; is not a number: use the decimal comma (1.234,5)</translation>
    </message>
    <message>
        <source>«{text}» no es un número</source>
        <translation>&apos;{text}&apos; is not a number</translation>
    </message>
    <message>
        <source>Este rojo puede deberse al azar (P = {p}): igual debe justificarse.</source>
        <translation>This red may be chance (P = {p}): it must be justified all the same.</translation>
    </message>
    <message>
        <source>Nº</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Tasa de reporte</source>
        <translation>Completeness</translation>
    </message>
    <message>
        <source>Año anterior</source>
        <translation>Last year</translation>
    </message>
    <message>
        <source>Cambio</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Señal</source>
        <translation>Signal</translation>
    </message>
    <message>
        <source>Últimos 12 meses</source>
        <translation>Last 12 months</translation>
    </message>
    <message>
        <source>Las fuentes no coinciden</source>
        <translation>The sources disagree</translation>
    </message>
    <message>
        <source>revisión pendiente de una cifra certificada</source>
        <translation>a certified figure awaits revision</translation>
    </message>
    <message>
        <source>Cifra certificada: {value}</source>
        <translation>Certified figure: {value}</translation>
    </message>
    <message>
        <source>Registro de eventos</source>
        <translation>Event register</translation>
    </message>
    <message>
        <source>Hoja ancha (meses en columnas)</source>
        <translation>Wide sheet (months across the columns)</translation>
    </message>
    <message>
        <source>Plantilla mensual</source>
        <translation>Monthly template</translation>
    </message>
    <message>
        <source>Tabla larga</source>
        <translation>Long table</translation>
    </message>
    <message>
        <source>Trimestre {n} de {year}</source>
        <translation>Quarter {n} of {year}</translation>
    </message>
    <message>
        <source>Semestre {n} de {year}</source>
        <translation>Half {n} of {year}</translation>
    </message>
    <message>
        <source>Año {year}</source>
        <translation>Year {year}</translation>
    </message>
    <message>
        <source>Reportes</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>Una institución</source>
        <translation>One institution</translation>
    </message>
    <message>
        <source>Consolidado (varias instituciones)</source>
        <translation>Consolidated (several institutions)</translation>
    </message>
    <message>
        <source>Alcance</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>Instituciones del consolidado</source>
        <translation>Institutions in the consolidated report</translation>
    </message>
    <message>
        <source>Instituciones</source>
        <translation>Institutions</translation>
    </message>
    <message>
        <source>la unidad raíz de la institución</source>
        <translation>the institution&apos;s root unit</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>Carta</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>Papel</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>Idioma del reporte</source>
        <translation>Report language</translation>
    </message>
    <message>
        <source>Archivo PDF</source>
        <translation>PDF file</translation>
    </message>
    <message>
        <source>Guardar PDF en</source>
        <translation>Save PDF as</translation>
    </message>
    <message>
        <source>También las tablas en Excel (.xlsx), junto al PDF</source>
        <translation>Also the tables in Excel (.xlsx), beside the PDF</translation>
    </message>
    <message>
        <source>Firmar electrónicamente con un archivo .p12</source>
        <translation>Sign electronically with a .p12 file</translation>
    </message>
    <message>
        <source>Archivo .p12</source>
        <translation>.p12 file</translation>
    </message>
    <message>
        <source>Certificado (.p12)</source>
        <translation>Certificate (.p12)</translation>
    </message>
    <message>
        <source>p. ej. Ministra del Interior</source>
        <translation>e.g. Minister of the Interior</translation>
    </message>
    <message>
        <source>Cargo</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>La contraseña se pide en cada firma y nunca se guarda.</source>
        <translation>The password is asked at every signature and never kept.</translation>
    </message>
    <message>
        <source>Generar</source>
        <translation>Generate</translation>
    </message>
    <message>
        <source>Abrir PDF</source>
        <translation>Open PDF</translation>
    </message>
    <message>
        <source>Elija el alcance y el periodo, y pulse «Generar».</source>
        <translation>Choose the scope and the period, and press &apos;Generate&apos;.</translation>
    </message>
    <message>
        <source>Vista previa del reporte</source>
        <translation>Report preview</translation>
    </message>
    <message>
        <source>Resultado y vista previa</source>
        <translation>Result and preview</translation>
    </message>
    <message>
        <source>Guardar el reporte</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Certificado de firma</source>
        <translation>Signing certificate</translation>
    </message>
    <message>
        <source>Certificados (*.p12 *.pfx)</source>
        <translation>Certificates (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Marque al menos una institución para el consolidado.</source>
        <translation>Tick at least one institution for the consolidated report.</translation>
    </message>
    <message>
        <source>Indique dónde guardar el PDF.</source>
        <translation>Say where to save the PDF.</translation>
    </message>
    <message>
        <source>No se encuentra el certificado {path}.</source>
        <translation>The certificate {path} was not found.</translation>
    </message>
    <message>
        <source>Contraseña del certificado</source>
        <translation>Certificate password</translation>
    </message>
    <message>
        <source>Contraseña de {file}:</source>
        <translation>Password of {file}:</translation>
    </message>
    <message>
        <source>Generando el reporte…</source>
        <translation>Generating the report…</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Generación cancelada: no se guardó ningún archivo.</source>
        <translation>Generation cancelled: no file was saved.</translation>
    </message>
    <message>
        <source>No se pudo guardar {path}: {reason}</source>
        <translation>Could not save {path}: {reason}</translation>
    </message>
    <message>
        <source>Páginas: {pages} · secciones: {sections}</source>
        <translation>Pages: {pages} · sections: {sections}</translation>
    </message>
    <message>
        <source>Sin firma electrónica.</source>
        <translation>No electronic signature.</translation>
    </message>
    <message>
        <source>Firmado por {signer} · PAdES B-T (con sello de tiempo)</source>
        <translation>Signed by {signer} · PAdES B-T (with a timestamp)</translation>
    </message>
    <message>
        <source>Firmado por {signer} · PAdES B-B (sin sello de tiempo: la hora es la del equipo)</source>
        <translation>Signed by {signer} · PAdES B-B (no timestamp: the time is this computer&apos;s)</translation>
    </message>
    <message>
        <source>Excel: {path}</source>
        <translation>Excel: {path}</translation>
    </message>
    <message>
        <source>Página del reporte</source>
        <translation>Report page</translation>
    </message>
    <message>
        <source>Vista previa no disponible (falta pdftoppm). Use «Abrir PDF».</source>
        <translation>Preview not available (pdftoppm is missing). Use &apos;Open PDF&apos;.</translation>
    </message>
    <message>
        <source>&amp;Importar…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <source>&amp;Reportes…</source>
        <translation>R&amp;eports…</translation>
    </message>
    <message>
        <source>&amp;Verificar firma…</source>
        <translation>Verify si&amp;gnature…</translation>
    </message>
    <message>
        <source>Configuración del &amp;plan…</source>
        <translation>&amp;Plan configuration…</translation>
    </message>
    <message>
        <source>El contenido firmado está intacto</source>
        <translation>The signed content is intact</translation>
    </message>
    <message>
        <source>La firma cubre todo el archivo</source>
        <translation>The signature covers the whole file</translation>
    </message>
    <message>
        <source>Sin cambios después de firmar</source>
        <translation>No change after signing</translation>
    </message>
    <message>
        <source>El firmante pertenece a una raíz de confianza</source>
        <translation>The signer chains to a trusted root</translation>
    </message>
    <message>
        <source>Verificar firma</source>
        <translation>Verify signature</translation>
    </message>
    <message>
        <source>Reporte firmado (PDF)</source>
        <translation>Signed report (PDF)</translation>
    </message>
    <message>
        <source>Raíces de confianza</source>
        <translation>Trusted roots</translation>
    </message>
    <message>
        <source>Añadir raíz…</source>
        <translation>Add root…</translation>
    </message>
    <message>
        <source>Quitar</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Verificar</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>Elija el PDF y al menos una raíz de confianza, y pulse «Verificar».</source>
        <translation>Choose the PDF and at least one trusted root, and press &apos;Verify&apos;.</translation>
    </message>
    <message>
        <source>Veredicto</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Raíz de confianza</source>
        <translation>Trusted root</translation>
    </message>
    <message>
        <source>Certificados (*.pem *.crt *.cer *.der)</source>
        <translation>Certificates (*.pem *.crt *.cer *.der)</translation>
    </message>
    <message>
        <source>Reporte firmado</source>
        <translation>Signed report</translation>
    </message>
    <message>
        <source>Elija el PDF firmado que quiere verificar.</source>
        <translation>Choose the signed PDF to verify.</translation>
    </message>
    <message>
        <source>Verificando…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <source>Lo que falló:</source>
        <translation>What failed:</translation>
    </message>
    <message>
        <source>sí</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Nivel</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Enviado</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>Oportunidad</source>
        <translation>Timeliness</translation>
    </message>
    <message>
        <source>Cifras de conteo del mes fuera de lo esperado según los 24 meses anteriores de su unidad</source>
        <translation>Count figures of the month outside what their unit&apos;s previous 24 months lead to expect</translation>
    </message>
    <message>
        <source>A tiempo</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>Tarde</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>Revisión — {institution}</source>
        <translation>Review — {institution}</translation>
    </message>
    <message>
        <source>Filtrar por estado</source>
        <translation>Filter by status</translation>
    </message>
    <message>
        <source>Todos los estados</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Cola de revisión</source>
        <translation>Review queue</translation>
    </message>
    <message>
        <source>Resumen de la cola</source>
        <translation>Queue summary</translation>
    </message>
    <message>
        <source>&amp;Aprobar</source>
        <translation>&amp;Approve</translation>
    </message>
    <message>
        <source>&amp;Devolver…</source>
        <translation>&amp;Return…</translation>
    </message>
    <message>
        <source>&amp;Reabrir…</source>
        <translation>Re&amp;open…</translation>
    </message>
    <message>
        <source>Actualizar</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Estado:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>{count} unidades</source>
        <translation>{count} units</translation>
    </message>
    <message>
        <source>Revisión</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>Devolver al comandante</source>
        <translation>Return to the commander</translation>
    </message>
    <message>
        <source>Motivo de la devolución (obligatorio):</source>
        <translation>Reason for the return (required):</translation>
    </message>
    <message>
        <source>Reabrir el mes</source>
        <translation>Reopen the month</translation>
    </message>
    <message>
        <source>Motivo de la reapertura (obligatorio):</source>
        <translation>Reason for reopening (required):</translation>
    </message>
    <message>
        <source>Falta el motivo: una devolución o una reapertura siempre lo lleva.</source>
        <translation>The reason is missing: a return or a reopening always carries one.</translation>
    </message>
    <message>
        <source>Usuario conectado</source>
        <translation>Signed-in user</translation>
    </message>
    <message>
        <source>Sin sesión</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <source>Usuario: {user} · {role}</source>
        <translation>User: {user} · {role}</translation>
    </message>
    <message>
        <source>&amp;Revisión</source>
        <translation>&amp;Review</translation>
    </message>
    <message>
        <source>Cola de &amp;revisión…</source>
        <translation>&amp;Review queue…</translation>
    </message>
    <message>
        <source>&amp;Auditoría…</source>
        <translation>&amp;Audit…</translation>
    </message>
    <message>
        <source>Comandante</source>
        <translation>Commander</translation>
    </message>
    <message>
        <source>Planificador</source>
        <translation>Planner</translation>
    </message>
    <message>
        <source>Autoridad (solo lectura)</source>
        <translation>Executive (read only)</translation>
    </message>
    <message>
        <source>Administrador</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Abierto</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Devuelto</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Aprobado</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Aprobar</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>Devolver</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>Reabrir</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>Justificar</source>
        <translation>Justify</translation>
    </message>
    <message>
        <source>Crear</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>Cambiar</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Borrar</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Registrar resultados</source>
        <translation>File results</translation>
    </message>
    <message>
        <source>Fijar metas</source>
        <translation>Set targets</translation>
    </message>
    <message>
        <source>Revisar</source>
        <translation>Revise</translation>
    </message>
    <message>
        <source>Restaurar</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Bloqueo</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>nacional</source>
        <translation>national</translation>
    </message>
    <message>
        <source>zona</source>
        <translation>zone</translation>
    </message>
    <message>
        <source>subzona</source>
        <translation>subzone</translation>
    </message>
    <message>
        <source>distrito</source>
        <translation>district</translation>
    </message>
    <message>
        <source>circuito</source>
        <translation>circuit</translation>
    </message>
    <message>
        <source>subcircuito</source>
        <translation>subcircuit</translation>
    </message>
    <message>
        <source>centro zonal</source>
        <translation>zonal centre</translation>
    </message>
    <message>
        <source>municipio</source>
        <translation>municipality</translation>
    </message>
    <message>
        <source>administración zonal</source>
        <translation>zonal administration</translation>
    </message>
    <message>
        <source>estratégico</source>
        <translation>strategic</translation>
    </message>
    <message>
        <source>operativo</source>
        <translation>operational</translation>
    </message>
    <message>
        <source>Objetivo padre</source>
        <translation>Parent objective</translation>
    </message>
    <message>
        <source>Alineación</source>
        <translation>Alignment</translation>
    </message>
    <message>
        <source>Total del año</source>
        <translation>Year total</translation>
    </message>
    <message>
        <source>Mes aprobado: su meta está congelada (reprograme desde un mes abierto)</source>
        <translation>Approved month: its target is frozen (re-program from an open month)</translation>
    </message>
    <message>
        <source>Fórmula de cálculo</source>
        <translation>Calculation formula</translation>
    </message>
    <message>
        <source>Banda mínima</source>
        <translation>Band minimum</translation>
    </message>
    <message>
        <source>Banda máxima</source>
        <translation>Band maximum</translation>
    </message>
    <message>
        <source>Umbral verde (%)</source>
        <translation>Green threshold (%)</translation>
    </message>
    <message>
        <source>Umbral amarillo (%)</source>
        <translation>Yellow threshold (%)</translation>
    </message>
    <message>
        <source>Tipo de indicador</source>
        <translation>Indicator kind</translation>
    </message>
    <message>
        <source>Método de cálculo</source>
        <translation>Calculation method</translation>
    </message>
    <message>
        <source>Configuración del plan — {institution}</source>
        <translation>Plan configuration — {institution}</translation>
    </message>
    <message>
        <source>Objetivos</source>
        <translation>Objectives</translation>
    </message>
    <message>
        <source>Indicadores</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <source>Metas</source>
        <translation>Targets</translation>
    </message>
    <message>
        <source>Fuentes</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>Vigente desde</source>
        <translation>In force from</translation>
    </message>
    <message>
        <source>Los meses anteriores se siguen calificando con la definición que tenían.</source>
        <translation>Earlier months keep being scored with the definition they had.</translation>
    </message>
    <message>
        <source>Cambios vigentes desde:</source>
        <translation>Changes in force from:</translation>
    </message>
    <message>
        <source>Importar plan…</source>
        <translation>Import plan…</translation>
    </message>
    <message>
        <source>Exportar plan…</source>
        <translation>Export plan…</translation>
    </message>
    <message>
        <source>Nuevo objetivo estratégico</source>
        <translation>New strategic objective</translation>
    </message>
    <message>
        <source>Nuevo objetivo operativo</source>
        <translation>New operational objective</translation>
    </message>
    <message>
        <source>Doble clic para editar. Un objetivo operativo cuelga de uno estratégico.</source>
        <translation>Double-click to edit. An operational objective hangs from a strategic one.</translation>
    </message>
    <message>
        <source>Nuevo indicador</source>
        <translation>New indicator</translation>
    </message>
    <message>
        <source>Niveles en que se reporta, separados por comas: {levels}</source>
        <translation>Levels it is reported at, separated by commas: {levels}</translation>
    </message>
    <message>
        <source>Niveles de reporte</source>
        <translation>Reporting levels</translation>
    </message>
    <message>
        <source>los de la institución: {value}</source>
        <translation>the institution&apos;s: {value}</translation>
    </message>
    <message>
        <source>Año de la línea base</source>
        <translation>Baseline year</translation>
    </message>
    <message>
        <source>Año</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Distribuir meta anual…</source>
        <translation>Distribute annual target…</translation>
    </message>
    <message>
        <source>Reparte una meta anual en los 12 meses de las unidades seleccionadas</source>
        <translation>Spreads an annual target over the 12 months of the selected units</translation>
    </message>
    <message>
        <source>Metas desde la historia…</source>
        <translation>Targets from history…</translation>
    </message>
    <message>
        <source>Deriva las metas de un año de los resultados de años anteriores</source>
        <translation>Derives a year&apos;s targets from the results of earlier years</translation>
    </message>
    <message>
        <source>Motivo de la revisión (queda en la auditoría)</source>
        <translation>Reason for the revision (kept in the audit trail)</translation>
    </message>
    <message>
        <source>Motivo de la revisión</source>
        <translation>Reason for the revision</translation>
    </message>
    <message>
        <source>Metas mensuales</source>
        <translation>Monthly targets</translation>
    </message>
    <message>
        <source>Indicador:</source>
        <translation>Indicator:</translation>
    </message>
    <message>
        <source>Año:</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>Nivel:</source>
        <translation>Level:</translation>
    </message>
    <message>
        <source>Motivo:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source> días hábiles</source>
        <translation> working days</translation>
    </message>
    <message>
        <source>Plazo de reporte</source>
        <translation>Filing deadline</translation>
    </message>
    <message>
        <source>Institución: {name}</source>
        <translation>Institution: {name}</translation>
    </message>
    <message>
        <source>Niveles:</source>
        <translation>Levels:</translation>
    </message>
    <message>
        <source>Umbral verde por defecto (%)</source>
        <translation>Default green threshold (%)</translation>
    </message>
    <message>
        <source>Umbral amarillo por defecto (%)</source>
        <translation>Default yellow threshold (%)</translation>
    </message>
    <message>
        <source>vacío: {value}</source>
        <translation>empty: {value}</translation>
    </message>
    <message>
        <source>Un indicador sin umbrales propios usa los de la institución. Un cambio rige desde el mes siguiente al último aprobado: los meses aprobados conservan su calificación.</source>
        <translation>An indicator without thresholds of its own uses the institution&apos;s. A change applies from the month after the last approved one: approved months keep their rating.</translation>
    </message>
    <message>
        <source>Plazo de reporte (después del cierre del mes):</source>
        <translation>Filing deadline (after the month closes):</translation>
    </message>
    <message>
        <source>Desde {period}: verde ≥ {green} %, amarillo ≥ {yellow} %</source>
        <translation>From {period}: green ≥ {green} %, yellow ≥ {yellow} %</translation>
    </message>
    <message>
        <source>Nuevo objetivo</source>
        <translation>New objective</translation>
    </message>
    <message>
        <source>{field}: «{text}» no es un número</source>
        <translation>{field}: &apos;{text}&apos; is not a number</translation>
    </message>
    <message>
        <source>{n} problemas: </source>
        <translation>{n} problems: </translation>
    </message>
    <message>
        <source>1 problema: </source>
        <translation>1 problem: </translation>
    </message>
    <message>
        <source>las metas</source>
        <translation>the targets</translation>
    </message>
    <message>
        <source>Distribuir meta anual</source>
        <translation>Distribute annual target</translation>
    </message>
    <message>
        <source>Seleccione primero una o más unidades.</source>
        <translation>Select one or more units first.</translation>
    </message>
    <message>
        <source>Meta anual para {n} unidades:</source>
        <translation>Annual target for {n} units:</translation>
    </message>
    <message>
        <source>En partes iguales</source>
        <translation>Evenly</translation>
    </message>
    <message>
        <source>Según las metas de {year}</source>
        <translation>Following the targets of {year}</translation>
    </message>
    <message>
        <source>Perfil mensual:</source>
        <translation>Monthly profile:</translation>
    </message>
    <message>
        <source>Importar plan</source>
        <translation>Import plan</translation>
    </message>
    <message>
        <source>Libros de Excel (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>Exportar plan</source>
        <translation>Export plan</translation>
    </message>
    <message>
        <source>Configuración del plan</source>
        <translation>Plan configuration</translation>
    </message>
    <message>
        <source>Hay cambios sin guardar en {what}. ¿Descartarlos?</source>
        <translation>There are unsaved changes in {what}. Discard them?</translation>
    </message>
    <message>
        <source>Hay cambios sin guardar. ¿Guardarlos antes de cerrar?</source>
        <translation>There are unsaved changes. Save them before closing?</translation>
    </message>
    <message>
        <source>Sin historia para este mes: no se fija meta</source>
        <translation>No history for this month: no target is set</translation>
    </message>
    <message>
        <source>Referencia {reference} → meta {target}</source>
        <translation>Reference {reference} → target {target}</translation>
    </message>
    <message>
        <source>acumulado</source>
        <translation>year to date</translation>
    </message>
    <message>
        <source>Sin cifra en el mismo periodo del año anterior ({period}).</source>
        <translation>No figure for the same period last year ({period}).</translation>
    </message>
    <message>
        <source>Año anterior ({period}): {value}</source>
        <translation>Last year ({period}): {value}</translation>
    </message>
    <message>
        <source>mejora</source>
        <translation>better</translation>
    </message>
    <message>
        <source>empeora</source>
        <translation>worse</translation>
    </message>
    <message>
        <source>Año anterior ({period}): {previous} → ahora {value}; cambio {change} ({pct})</source>
        <translation>Last year ({period}): {previous} → now {value}; change {change} ({pct})</translation>
    </message>
    <message>
        <source>Gráfico de {code}: todos los años, mes a mes</source>
        <translation>Chart of {code}: every year, month by month</translation>
    </message>
    <message>
        <source>Gráfico de {code}: total de cada año frente a su meta</source>
        <translation>Chart of {code}: each year&apos;s total against its target</translation>
    </message>
    <message>
        <source>{year} (ene–{month})</source>
        <translation>{year} (Jan–{month})</translation>
    </message>
    <message>
        <source>Total del año (color: su semáforo)</source>
        <translation>Year total (colour: its status)</translation>
    </message>
    <message>
        <source>Meta anual</source>
        <translation>Annual target</translation>
    </message>
    <message>
        <source>{year}: total {value} · meta {target} · {status}</source>
        <translation>{year}: total {value} · target {target} · {status}</translation>
    </message>
    <message>
        <source>{month} {year}: resultado {value} · meta {target}</source>
        <translation>{month} {year}: result {value} · target {target}</translation>
    </message>
    <message>
        <source>Mapeo:</source>
        <translation>Mapping:</translation>
    </message>
    <message>
        <source>Indicador de la categoría {category}</source>
        <translation>Indicator of category {category}</translation>
    </message>
    <message>
        <source>(sin asignar)</source>
        <translation>(not assigned)</translation>
    </message>
    <message>
        <source>No coinciden</source>
        <translation>Disagree</translation>
    </message>
    <message>
        <source>Revisión pendiente</source>
        <translation>Revision pending</translation>
    </message>
    <message>
        <source>Certificada</source>
        <translation>Certified</translation>
    </message>
    <message>
        <source>Coinciden</source>
        <translation>Agree</translation>
    </message>
    <message>
        <source>Una sola fuente</source>
        <translation>One source only</translation>
    </message>
    <message>
        <source>Oficial (por defecto)</source>
        <translation>Official (default)</translation>
    </message>
    <message>
        <source>Oficial</source>
        <translation>Official</translation>
    </message>
    <message>
        <source>{source} (oficial)</source>
        <translation>{source} (official)</translation>
    </message>
    <message>
        <source>Diferencia {source}</source>
        <translation>Difference {source}</translation>
    </message>
    <message>
        <source>Cifra certificada</source>
        <translation>Certified figure</translation>
    </message>
    <message>
        <source>Certificada por {who} el {when}: {reason}</source>
        <translation>Certified by {who} on {when}: {reason}</translation>
    </message>
    <message>
        <source>Una fuente cambió después de certificar: revise la cifra.</source>
        <translation>A source changed after the certification: review the figure.</translation>
    </message>
    <message>
        <source>Una fuente cambió después de certificar una cifra de esta unidad o de las de abajo.</source>
        <translation>A source changed after a figure of this unit or of those below was certified.</translation>
    </message>
    <message>
        <source>La diferencia supera la tolerancia ({pct} % y {abs}).</source>
        <translation>The difference exceeds the tolerance ({pct} % and {abs}).</translation>
    </message>
    <message>
        <source>Conciliación de fuentes</source>
        <translation>Source reconciliation</translation>
    </message>
    <message>
        <source>La unidad y las de debajo</source>
        <translation>The unit and those right below</translation>
    </message>
    <message>
        <source>Fuentes por unidad</source>
        <translation>Sources by unit</translation>
    </message>
    <message>
        <source>Estado de la lectura</source>
        <translation>Reading status</translation>
    </message>
    <message>
        <source>Certificar…</source>
        <translation>Certify…</translation>
    </message>
    <message>
        <source>Solo la oficina de planificación certifica cifras.</source>
        <translation>Only the planning office certifies figures.</translation>
    </message>
    <message>
        <source>Ediciones</source>
        <translation>Editions</translation>
    </message>
    <message>
        <source>Eventos</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>Los eventos que un registro tiene y el otro no, en la unidad elegida</source>
        <translation>The events one register has and the other lacks, at the chosen unit</translation>
    </message>
    <message>
        <source>Periodo:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>Unidades:</source>
        <translation>Units:</translation>
    </message>
    <message>
        <source>Leyendo las fuentes…</source>
        <translation>Reading the sources…</translation>
    </message>
    <message>
        <source>{indicator} — {name}. Fuente oficial: {official}; otras: {others}. Tolerancia: {pct} % y {abs}.</source>
        <translation>{indicator} — {name}. Official source: {official}; others: {others}. Tolerance: {pct} % and {abs}.</translation>
    </message>
    <message>
        <source>{count} unidades con fuentes que no coinciden</source>
        <translation>{count} units whose sources disagree</translation>
    </message>
    <message>
        <source>Guardando la cifra certificada…</source>
        <translation>Saving the certified figure…</translation>
    </message>
    <message>
        <source>Cifra certificada: {value} en {unit}</source>
        <translation>Certified figure: {value} at {unit}</translation>
    </message>
    <message>
        <source>Edición</source>
        <translation>Edition</translation>
    </message>
    <message>
        <source>Importada</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>{indicator} en {unit}, {period}: la cifra según cada edición, la más antigua primero.</source>
        <translation>{indicator} at {unit}, {period}: the figure as each edition gave it, oldest first.</translation>
    </message>
    <message>
        <source>Ninguna importación trajo esta cifra.</source>
        <translation>No import brought this figure.</translation>
    </message>
    <message>
        <source>{source} (edición {edition})</source>
        <translation>{source} (edition {edition})</translation>
    </message>
    <message>
        <source>solo en {side}: {count}</source>
        <translation>only in {side}: {count}</translation>
    </message>
    <message>
        <source>En {unit}, {period}: {common} eventos en común; </source>
        <translation>At {unit}, {period}: {common} events in common; </translation>
    </message>
    <message>
        <source>Registro</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Clave del evento</source>
        <translation>Event key</translation>
    </message>
    <message>
        <source>Fila</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>&amp;Datos</source>
        <translation>&amp;Data</translation>
    </message>
    <message>
        <source>&amp;Conciliar fuentes…</source>
        <translation>&amp;Reconcile sources…</translation>
    </message>
    <message>
        <source>Ficha del indicador…</source>
        <translation>Indicator sheet…</translation>
    </message>
    <message>
        <source>Conciliar fuentes…</source>
        <translation>Reconcile sources…</translation>
    </message>
    <message>
        <source>Fuente oficial de</source>
        <translation>Official source of</translation>
    </message>
    <message>
        <source>la fuente de los indicadores que no nombran otra</source>
        <translation>the source of the indicators that name no other</translation>
    </message>
    <message>
        <source>Añadir fuente</source>
        <translation>Add source</translation>
    </message>
    <message>
        <source>Código de la fuente</source>
        <translation>Source code</translation>
    </message>
    <message>
        <source>p. ej. DINASED</source>
        <translation>e.g. DINASED</translation>
    </message>
    <message>
        <source>Nombre de la fuente</source>
        <translation>Source name</translation>
    </message>
    <message>
        <source>Código:</source>
        <translation>Code:</translation>
    </message>
    <message>
        <source>Nombre:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Añadir fuente…</source>
        <translation>Add source…</translation>
    </message>
    <message>
        <source>Fuente oficial</source>
        <translation>Official source</translation>
    </message>
    <message>
        <source>Fijar como oficial</source>
        <translation>Make official</translation>
    </message>
    <message>
        <source>Tolerancia en porcentaje</source>
        <translation>Tolerance in percent</translation>
    </message>
    <message>
        <source>Tolerancia absoluta</source>
        <translation>Absolute tolerance</translation>
    </message>
    <message>
        <source>Guardar tolerancia</source>
        <translation>Save tolerance</translation>
    </message>
    <message>
        <source>Fuentes de las cifras</source>
        <translation>Sources of the figures</translation>
    </message>
    <message>
        <source>El tablero lee las cifras de la fuente oficial de cada indicador; las de otras fuentes se guardan al lado para compararlas. Cambiar la fuente oficial rige de inmediato.</source>
        <translation>The scorecard reads each indicator&apos;s official source; other sources&apos; figures are kept beside them for comparison. Changing the official source takes effect at once.</translation>
    </message>
    <message>
        <source>Tolerancia entre fuentes</source>
        <translation>Tolerance between sources</translation>
    </message>
    <message>
        <source>Diferencia relativa mayor que:</source>
        <translation>Relative difference above:</translation>
    </message>
    <message>
        <source>y diferencia absoluta mayor que:</source>
        <translation>and absolute difference above:</translation>
    </message>
    <message>
        <source>Dos fuentes no coinciden cuando su diferencia supera ambas tolerancias.</source>
        <translation>Two sources disagree when their difference exceeds both tolerances.</translation>
    </message>
    <message>
        <source>Solo la oficina de planificación cambia las fuentes.</source>
        <translation>Only the planning office changes the sources.</translation>
    </message>
    <message>
        <source>peor</source>
        <translation>worse</translation>
    </message>
    <message>
        <source>azar</source>
        <translation>chance</translation>
    </message>
    <message>
        <source>mejor</source>
        <translation>better</translation>
    </message>
    <message>
        <source>peor de lo esperado por azar</source>
        <translation>worse than expected by chance</translation>
    </message>
    <message>
        <source>dentro del azar</source>
        <translation>within chance</translation>
    </message>
    <message>
        <source>mejor de lo esperado</source>
        <translation>better than expected</translation>
    </message>
    <message>
        <source>esperado {value}</source>
        <translation>expected {value}</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>Ranking</translation>
    </message>
    <message>
        <source>Embudo</source>
        <translation>Funnel</translation>
    </message>
    <message>
        <source>Gráfico de embudo: qué unidades se apartan más de lo que explica el azar</source>
        <translation>Funnel plot: which units stray further than chance explains</translation>
    </message>
    <message>
        <source>Fuera de lo esperado: alto</source>
        <translation>Outside the expected: high</translation>
    </message>
    <message>
        <source>Fuera de lo esperado: bajo</source>
        <translation>Outside the expected: low</translation>
    </message>
    <message>
        <source>Banda esperada: lo que el azar explica (99,8 %) según los 24 meses anteriores</source>
        <translation>Expected band: what chance explains (99.8 %) given the previous 24 months</translation>
    </message>
    <message>
        <source>Fuera de lo esperado</source>
        <translation>Outside the expected</translation>
    </message>
</context>
</TS>
