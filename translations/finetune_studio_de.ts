<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>TrainingPresets</name>
    <message>
        <source>Quick</source>
        <translation>Schnell</translation>
    </message>
    <message>
        <source>One epoch at a higher learning rate: a first result in minutes, to check that data and model work together.</source>
        <translation>Eine Epoche mit höherer Lernrate: ein erstes Ergebnis in Minuten, um zu prüfen, ob Daten und Modell zusammenpassen.</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>Ausgewogen</translation>
    </message>
    <message>
        <source>Three epochs, learning rate 5e-5 with 10% warm-up and linear decay, weight decay 0.01, early stopping after 2 evaluations without improvement: the usual fine-tuning recipe.</source>
        <translation>Drei Epochen, Lernrate 5e-5 mit 10 % Aufwärmphase und linearem Abfall, Weight Decay 0,01, vorzeitiger Abbruch nach 2 Auswertungen ohne Verbesserung: das übliche Rezept fürs Feintuning.</translation>
    </message>
    <message>
        <source>Thorough</source>
        <translation>Gründlich</translation>
    </message>
    <message>
        <source>Six epochs at a gentler learning rate (3e-5) with cosine decay, label smoothing 0.1 and early stopping after 3 evaluations: slower, usually a little better and better calibrated.</source>
        <translation>Sechs Epochen mit sanfterer Lernrate (3e-5) und Kosinus-Abfall, Label Smoothing 0,1 und vorzeitigem Abbruch nach 3 Auswertungen: langsamer, meist etwas besser und besser kalibriert.</translation>
    </message>
</context>
<context>
    <name>ft::ui::ClassMetricsModel</name>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Trefferquote</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Anzahl</translation>
    </message>
</context>
<context>
    <name>ft::ui::ConfigPanel</name>
    <message>
        <source>Configure training</source>
        <translation>Training konfigurieren</translation>
    </message>
    <message>
        <source>Sensible defaults are filled in. Hover any field for what it does.</source>
        <translation>Sinnvolle Standardwerte sind eingetragen. Zeigen Sie auf ein Feld, um zu sehen, was es bewirkt.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Name of the run; the run folder is named &lt;date&gt;-&lt;name&gt;.</source>
        <translation>Name des Laufs; der Laufordner heißt &lt;Datum&gt;-&lt;Name&gt;.</translation>
    </message>
    <message>
        <source>From scratch (random init) baseline</source>
        <translation>Von Grund auf (zufällige Initialisierung) als Vergleich</translation>
    </message>
    <message>
        <source>Train the same architecture from random weights, to measure what pre-training adds.</source>
        <translation>Dieselbe Architektur mit zufälligen Gewichten trainieren, um zu messen, was das Vortraining bringt.</translation>
    </message>
    <message>
        <source>Run name:</source>
        <translation>Name des Laufs:</translation>
    </message>
    <message>
        <source>Optimization</source>
        <translation>Optimierung</translation>
    </message>
    <message>
        <source>Passes over the training data.</source>
        <translation>Durchläufe über die Trainingsdaten.</translation>
    </message>
    <message>
        <source>Stop after this many optimizer steps; overrides epochs when set.</source>
        <translation>Nach so vielen Optimierungsschritten anhalten; hat Vorrang vor den Epochen.</translation>
    </message>
    <message>
        <source>off (use epochs)</source>
        <translation>aus (Epochen verwenden)</translation>
    </message>
    <message>
        <source>Examples per micro-batch. Larger needs more memory.</source>
        <translation>Beispiele pro Mikro-Batch. Größer braucht mehr Speicher.</translation>
    </message>
    <message>
        <source>Micro-batches accumulated per optimizer step: effective batch = batch size × this.</source>
        <translation>Pro Optimierungsschritt gesammelte Mikro-Batches: effektiver Batch = Batchgröße × dieser Wert.</translation>
    </message>
    <message>
        <source>Peak learning rate after warm-up. 2e-5 to 5e-5 is typical for full fine-tuning.</source>
        <translation>Höchste Lernrate nach dem Aufwärmen. 2e-5 bis 5e-5 ist für volles Feintuning üblich.</translation>
    </message>
    <message>
        <source>AdamW weight decay; never applied to biases and norms.</source>
        <translation>AdamW-Gewichtsabnahme; nie auf Biases und Normalisierungen angewandt.</translation>
    </message>
    <message>
        <source>Share of the steps over which the learning rate ramps up from 0.</source>
        <translation>Anteil der Schritte, über den die Lernrate von 0 ansteigt.</translation>
    </message>
    <message>
        <source>Linear decay</source>
        <translation>Linear fallend</translation>
    </message>
    <message>
        <source>Cosine decay</source>
        <translation>Kosinus-fallend</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>Konstant</translation>
    </message>
    <message>
        <source>How the learning rate falls after warm-up.</source>
        <translation>Wie die Lernrate nach dem Aufwärmen fällt.</translation>
    </message>
    <message>
        <source>Clip the gradient norm to this value; 0 disables clipping.</source>
        <translation>Gradientennorm auf diesen Wert begrenzen; 0 schaltet die Begrenzung ab.</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>Epochen:</translation>
    </message>
    <message>
        <source>Max steps:</source>
        <translation>Max. Schritte:</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Batchgröße:</translation>
    </message>
    <message>
        <source>Gradient accumulation:</source>
        <translation>Gradientenakkumulation:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>Lernrate:</translation>
    </message>
    <message>
        <source>Schedule:</source>
        <translation>Verlauf:</translation>
    </message>
    <message>
        <source>Warm-up ratio:</source>
        <translation>Aufwärmanteil:</translation>
    </message>
    <message>
        <source>Weight decay:</source>
        <translation>Gewichtsabnahme:</translation>
    </message>
    <message>
        <source>Gradient clipping:</source>
        <translation>Gradientenbegrenzung:</translation>
    </message>
    <message>
        <source>Freezing</source>
        <translation>Einfrieren</translation>
    </message>
    <message>
        <source>Freeze embeddings</source>
        <translation>Embeddings einfrieren</translation>
    </message>
    <message>
        <source>Keep token and position embeddings fixed; saves memory, often no loss in accuracy.</source>
        <translation>Token- und Positions-Embeddings festhalten; spart Speicher, oft ohne Genauigkeitsverlust.</translation>
    </message>
    <message>
        <source>Train the head only</source>
        <translation>Nur den Kopf trainieren</translation>
    </message>
    <message>
        <source>Freeze the whole transformer and train only the task head (fast linear probe).</source>
        <translation>Den ganzen Transformer einfrieren und nur den Aufgabenkopf trainieren (schnelle lineare Probe).</translation>
    </message>
    <message>
        <source>Freeze the lowest N transformer blocks.</source>
        <translation>Die untersten N Transformer-Blöcke einfrieren.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Start frozen and unfreeze one more block, top-down, every K steps.</source>
        <translation>Eingefroren beginnen und alle K Schritte einen weiteren Block von oben nach unten freigeben.</translation>
    </message>
    <message>
        <source>Lower layers learn slower: lr × decay^(distance from the top). 1 = same rate everywhere.</source>
        <translation>Untere Schichten lernen langsamer: Lernrate × Faktor^(Abstand von oben). 1 = überall gleich.</translation>
    </message>
    <message>
        <source>Freeze lower blocks:</source>
        <translation>Untere Blöcke einfrieren:</translation>
    </message>
    <message>
        <source>Gradual unfreeze every:</source>
        <translation>Schrittweise freigeben alle:</translation>
    </message>
    <message>
        <source>Layer-wise lr decay:</source>
        <translation>Schichtweiser Lernratenfaktor:</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> Schritte</translation>
    </message>
    <message>
        <source>Evaluation and stopping</source>
        <translation>Auswertung und Abbruch</translation>
    </message>
    <message>
        <source>Evaluate on the validation split every N steps.</source>
        <translation>Alle N Schritte auf dem Validierungsteil auswerten.</translation>
    </message>
    <message>
        <source>end of each epoch</source>
        <translation>Ende jeder Epoche</translation>
    </message>
    <message>
        <source>Seed for shuffling and initialization: same seed, same run.</source>
        <translation>Startwert für Mischen und Initialisierung: gleicher Startwert, gleicher Lauf.</translation>
    </message>
    <message>
        <source>CPU threads for training.</source>
        <translation>CPU-Threads für das Training.</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>alle Kerne</translation>
    </message>
    <message>
        <source>Evaluate every:</source>
        <translation>Auswerten alle:</translation>
    </message>
    <message>
        <source>Early stopping patience:</source>
        <translation>Geduld für frühes Anhalten:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Startwert:</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Threads:</translation>
    </message>
    <message>
        <source>Fairness evaluation</source>
        <translation>Fairness-Auswertung</translation>
    </message>
    <message>
        <source>Counterfactual swap test</source>
        <translation>Kontrafaktischer Austauschtest</translation>
    </message>
    <message>
        <source>After training, swap identity terms (he ↔ she, …) in the validation texts and report how often the prediction changes. Default: on.</source>
        <translation>Nach dem Training Identitätsbegriffe (he ↔ she, …) in den Validierungstexten austauschen und berichten, wie oft sich die Vorhersage ändert. Standard: an.</translation>
    </message>
    <message>
        <source>built-in English gender terms</source>
        <translation>englische Geschlechterbegriffe</translation>
    </message>
    <message>
        <source>A swap-list file: &quot;[set]&quot; headers, then lines such as &quot;he | she&quot; (interchangeable) or &quot;him -&gt; her&quot; (one way). Default: empty, the built-in English gender terms.</source>
        <translation>Eine Austauschliste: Überschriften „[set]“, dann Zeilen wie „he | she“ (austauschbar) oder „him -&gt; her“ (nur in eine Richtung). Standard: leer, die eingebauten englischen Geschlechterbegriffe.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <source>Also slice by intersections of the sensitive attributes</source>
        <translation>Auch Kombinationen der sensiblen Merkmale auswerten</translation>
    </message>
    <message>
        <source>Swap list:</source>
        <translation>Austauschliste:</translation>
    </message>
    <message>
        <source>LoRA (low-rank adapters)</source>
        <translation>LoRA (Low-Rank-Adapter)</translation>
    </message>
    <message>
        <source>Train LoRA adapters instead of all weights</source>
        <translation>LoRA-Adapter statt aller Gewichte trainieren</translation>
    </message>
    <message>
        <source>Keep the pretrained weights frozen and train small low-rank adapters (plus the classification head): far less memory, and the run also writes a PEFT adapter. Not with from-scratch runs. Default: off.</source>
        <translation>Die vortrainierten Gewichte eingefroren lassen und kleine Low-Rank-Adapter (plus den Klassifikationskopf) trainieren: viel weniger Speicher, und der Lauf schreibt zusätzlich einen PEFT-Adapter. Nicht bei Läufen von Grund auf. Standard: aus.</translation>
    </message>
    <message>
        <source>Inner size of each adapter: higher ranks can learn more but train more parameters. Default: 8.</source>
        <translation>Innere Größe jedes Adapters: Höhere Ränge können mehr lernen, trainieren aber mehr Parameter. Standard: 8.</translation>
    </message>
    <message>
        <source>Scales the adapters&apos; update by alpha / r (alpha / √r with rsLoRA). Default: 16.</source>
        <translation>Skaliert die Änderung durch die Adapter mit alpha / r (alpha / √r bei rsLoRA). Standard: 16.</translation>
    </message>
    <message>
        <source>Dropout on the adapters&apos; input while training. Default: 0.05.</source>
        <translation>Dropout auf der Eingabe der Adapter während des Trainings. Standard: 0,05.</translation>
    </message>
    <message>
        <source>Names of the linear layers that get adapters, comma-separated (e.g. q_proj, v_proj). Default: empty, PEFT&apos;s choice for the architecture, shown in grey.</source>
        <translation>Namen der linearen Schichten, die Adapter bekommen, durch Kommas getrennt (z. B. q_proj, v_proj). Standard: leer, die Wahl von PEFT für die Architektur, grau angezeigt.</translation>
    </message>
    <message>
        <source>Rank-stabilized scaling (rsLoRA)</source>
        <translation>Rangstabilisierte Skalierung (rsLoRA)</translation>
    </message>
    <message>
        <source>Scale by alpha / √r instead of alpha / r, so that high ranks keep learning. Default: off.</source>
        <translation>Mit alpha / √r statt alpha / r skalieren, damit auch hohe Ränge weiter lernen. Standard: aus.</translation>
    </message>
    <message>
        <source>Rank (r):</source>
        <translation>Rang (r):</translation>
    </message>
    <message>
        <source>Alpha:</source>
        <translation>Alpha:</translation>
    </message>
    <message>
        <source>Dropout:</source>
        <translation>Dropout:</translation>
    </message>
    <message>
        <source>Target modules:</source>
        <translation>Zielmodule:</translation>
    </message>
    <message>
        <source>the architecture&apos;s default</source>
        <translation>Standard der Architektur</translation>
    </message>
    <message>
        <source>%1 (default for %2)</source>
        <translation>%1 (Standard für %2)</translation>
    </message>
    <message>
        <source>Choose swap list</source>
        <translation>Austauschliste wählen</translation>
    </message>
    <message>
        <source>Swap lists (*.txt *.swap);;All files (*)</source>
        <translation>Austauschlisten (*.txt *.swap);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>With LoRA the base model stays frozen and only the adapters and the head train, so freezing is off. Layer-wise lr decay still applies.</source>
        <translation>Mit LoRA bleibt das Basismodell eingefroren und nur die Adapter und der Kopf lernen, daher ist das Einfrieren aus. Der schichtweise Lernratenfaktor gilt weiterhin.</translation>
    </message>
    <message>
        <source>Besides each sensitive attribute alone, report every pair of them (e.g. gender × age group): failures can hide in combinations. Needs two or more sensitive attributes (Data step). Default: off.</source>
        <translation>Neben jedem sensiblen Merkmal für sich auch jedes Paar davon auswerten (z. B. Geschlecht × Altersgruppe): Schwächen können sich in Kombinationen verbergen. Braucht zwei oder mehr sensible Merkmale (Schritt „Daten“). Standard: aus.</translation>
    </message>
    <message>
        <source>Before and after</source>
        <translation>Vorher und nachher</translation>
    </message>
    <message>
        <source>Also evaluate the model before training</source>
        <translation>Das Modell auch vor dem Training bewerten</translation>
    </message>
    <message>
        <source>Measure the validation metrics once before the first step, so the Evaluate step shows what fine-tuning changed. Default: on.</source>
        <translation>Misst die Validierungsmetriken einmal vor dem ersten Schritt, damit der Schritt „Auswerten“ zeigt, was das Feintuning verändert hat. Standard: an.</translation>
    </message>
    <message>
        <source>Forgetting check:</source>
        <translation>Vergessenstest:</translation>
    </message>
    <message>
        <source>Choose reference text</source>
        <translation>Referenztext wählen</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Textdateien (*.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>A plain-text file of general text. Its perplexity is measured before and after fine-tuning; a rise means the model forgot some of what it knew. Decoder models only (GPT-2, Llama family): a classifier is scored through its tied input embeddings.</source>
        <translation>Eine Textdatei mit allgemeinem Text. Ihre Perplexität wird vor und nach dem Feintuning gemessen; ein Anstieg bedeutet, dass das Modell etwas von seinem Wissen vergessen hat. Nur Decoder-Modelle (GPT-2, Llama-Familie): Ein Klassifikator wird über seine gekoppelten Eingabe-Embeddings bewertet.</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Hardware</translation>
    </message>
    <message>
        <source>Automatic (GPU if present)</source>
        <translation>Automatisch (GPU, falls vorhanden)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation>GPU (CUDA)</translation>
    </message>
    <message>
        <source>Where training runs. Without a usable GPU the run trains on the CPU and says so.</source>
        <translation>Wo trainiert wird. Ohne nutzbare GPU trainiert der Lauf auf der CPU und meldet das.</translation>
    </message>
    <message>
        <source>fp32 (full precision)</source>
        <translation>fp32 (volle Genauigkeit)</translation>
    </message>
    <message>
        <source>bf16 mixed precision</source>
        <translation>bf16 gemischte Genauigkeit</translation>
    </message>
    <message>
        <source>fp16 mixed precision (GPU)</source>
        <translation>fp16 gemischte Genauigkeit (GPU)</translation>
    </message>
    <message>
        <source>Automatic (bf16 on a GPU)</source>
        <translation>Automatisch (bf16 auf einer GPU)</translation>
    </message>
    <message>
        <source>Mixed precision computes the layers in 16-bit floats (faster on a GPU, less activation memory) and keeps the weights and optimizer state in 32-bit. fp16 adds loss scaling; bf16 needs none and also runs on the CPU.</source>
        <translation>Gemischte Genauigkeit rechnet die Schichten in 16-Bit-Gleitkommazahlen (schneller auf einer GPU, weniger Speicher für Aktivierungen) und hält Gewichte und Optimiererzustand in 32 Bit. fp16 skaliert zusätzlich den Verlust; bf16 braucht das nicht und läuft auch auf der CPU.</translation>
    </message>
    <message numerus="yes">
        <source>%n CUDA GPU(s) found; %1 CPU cores.</source>
        <translation>
            <numerusform>%n CUDA-GPU gefunden; %1 CPU-Kerne.</numerusform>
            <numerusform>%n CUDA-GPUs gefunden; %1 CPU-Kerne.</numerusform>
        </translation>
    </message>
    <message>
        <source>No CUDA GPU found: training runs on the CPU (%1 cores).</source>
        <translation>Keine CUDA-GPU gefunden: Das Training läuft auf der CPU (%1 Kerne).</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>Genauigkeit:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Speicher:</translation>
    </message>
    <message>
        <source>known once a model is chosen</source>
        <translation>bekannt, sobald ein Modell gewählt ist</translation>
    </message>
    <message>
        <source>unknown (%1)</source>
        <translation>unbekannt (%1)</translation>
    </message>
    <message>
        <source>Try: %1</source>
        <translation>Versuchen Sie: %1</translation>
    </message>
    <message>
        <source>Weights %1, gradients %2, optimizer state %3, activations %4</source>
        <translation>Gewichte %1, Gradienten %2, Optimiererzustand %3, Aktivierungen %4</translation>
    </message>
    <message>
        <source>, 16-bit weights %1</source>
        <translation>, 16-Bit-Gewichte %1</translation>
    </message>
    <message>
        <source>, runtime %1.</source>
        <translation>, Laufzeitumgebung %1.</translation>
    </message>
    <message>
        <source>Freezing / LoRA saves %1.</source>
        <translation>Einfrieren / LoRA spart %1.</translation>
    </message>
    <message>
        <source>≈ %1 on the GPU</source>
        <translation>≈ %1 auf der GPU</translation>
    </message>
    <message>
        <source>≈ %1 on this computer</source>
        <translation>≈ %1 auf diesem Computer</translation>
    </message>
    <message>
        <source>≈ %1 of %2 free on the GPU — &lt;b&gt;fits&lt;/b&gt;</source>
        <translation>≈ %1 von %2 frei auf der GPU — &lt;b&gt;passt&lt;/b&gt;</translation>
    </message>
    <message>
        <source>≈ %1 of %2 free on this computer — &lt;b&gt;fits&lt;/b&gt;</source>
        <translation>≈ %1 von %2 frei auf diesem Computer — &lt;b&gt;passt&lt;/b&gt;</translation>
    </message>
    <message>
        <source>≈ %1, but only %2 free on the GPU — &lt;b style=&apos;color:#c0392b&apos;&gt;does not fit&lt;/b&gt;</source>
        <translation>≈ %1, aber nur %2 frei auf der GPU — &lt;b style=&apos;color:#c0392b&apos;&gt;passt nicht&lt;/b&gt;</translation>
    </message>
    <message>
        <source>≈ %1, but only %2 free on this computer — &lt;b style=&apos;color:#c0392b&apos;&gt;does not fit&lt;/b&gt;</source>
        <translation>≈ %1, aber nur %2 frei auf diesem Computer — &lt;b style=&apos;color:#c0392b&apos;&gt;passt nicht&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Eigene</translation>
    </message>
    <message>
        <source>Quick, Balanced or Thorough set epochs, learning rate, warm-up, schedule, weight decay, label smoothing and early stopping together; change any field afterwards.</source>
        <translation>Schnell, Ausgewogen oder Gründlich setzen Epochen, Lernrate, Aufwärmphase, Verlauf, Weight Decay, Label Smoothing und vorzeitigen Abbruch zusammen; jedes Feld lässt sich danach ändern.</translation>
    </message>
    <message>
        <source>The same job without the app, e.g. on a server: save it (File ▸ Save job as…) and run this command. `finetune resume RUN_FOLDER` continues a stopped run.</source>
        <translation>Derselbe Auftrag ohne die App, etwa auf einem Server: speichern Sie ihn (Datei ▸ Auftrag speichern unter…) und führen Sie diesen Befehl aus. `finetune resume LAUF_ORDNER` setzt einen angehaltenen Lauf fort.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the command to the clipboard</source>
        <translation>Den Befehl in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>Voreinstellung:</translation>
    </message>
    <message>
        <source>Command line:</source>
        <translation>Befehlszeile:</translation>
    </message>
    <message>
        <source>Regularization</source>
        <translation>Regularisierung</translation>
    </message>
    <message>
        <source>Label smoothing: the training target keeps 1 − ε on the true class and spreads ε over all classes, so the model stays less over-confident. 0.1 is common; 0 turns it off.</source>
        <translation>Label Smoothing: Das Trainingsziel behält 1 − ε auf der richtigen Klasse und verteilt ε auf alle Klassen, damit das Modell weniger übersicher wird. 0,1 ist üblich; 0 schaltet es ab.</translation>
    </message>
    <message>
        <source>Dropout probability for every dropout layer of the model (hidden, attention, classifier). Higher fights overfitting on small data; the lowest setting keeps the model&apos;s own values.</source>
        <translation>Dropout-Wahrscheinlichkeit für jede Dropout-Schicht des Modells (verborgene Schichten, Attention, Klassifikator). Höhere Werte wirken Überanpassung bei wenig Daten entgegen; die niedrigste Einstellung behält die Werte des Modells.</translation>
    </message>
    <message>
        <source>as the model</source>
        <translation>wie im Modell</translation>
    </message>
    <message>
        <source>Label smoothing:</source>
        <translation>Label Smoothing:</translation>
    </message>
    <message>
        <source>L2-SP strength:</source>
        <translation>L2-SP-Stärke:</translation>
    </message>
    <message>
        <source>Stop when the monitored validation metric has not improved for this many evaluations; the best model so far is what the run keeps.</source>
        <translation>Abbrechen, wenn sich die beobachtete Validierungsmetrik so viele Auswertungen lang nicht verbessert hat; der Lauf behält das bis dahin beste Modell.</translation>
    </message>
    <message>
        <source>Automatic (accuracy, or loss for a language model)</source>
        <translation>Automatisch (Genauigkeit, bei einem Sprachmodell der Verlust)</translation>
    </message>
    <message>
        <source>Validation loss (lower is better)</source>
        <translation>Validierungsverlust (niedriger ist besser)</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Macro-F1</source>
        <translation>Makro-F1</translation>
    </message>
    <message>
        <source>Perplexity (lower is better)</source>
        <translation>Perplexität (niedriger ist besser)</translation>
    </message>
    <message>
        <source>The validation metric that decides which evaluation is the best (the model kept in best/) and when to stop early. Macro-F1 suits imbalanced classes.</source>
        <translation>Die Validierungsmetrik, die entscheidet, welche Auswertung die beste ist (das Modell in best/) und wann vorzeitig abgebrochen wird. Makro-F1 passt zu unausgewogenen Klassen.</translation>
    </message>
    <message>
        <source>An evaluation counts as an improvement for early stopping only when it beats the best by more than this.</source>
        <translation>Eine Auswertung zählt für den vorzeitigen Abbruch nur dann als Verbesserung, wenn sie die beste um mehr als diesen Wert übertrifft.</translation>
    </message>
    <message>
        <source>Best model by:</source>
        <translation>Bestes Modell nach:</translation>
    </message>
    <message>
        <source>Minimum improvement:</source>
        <translation>Mindestverbesserung:</translation>
    </message>
    <message>
        <source>, L2-SP starting weights %1</source>
        <translation>, L2-SP-Anfangsgewichte %1</translation>
    </message>
    <message>
        <source>L2-SP: pulls the pretrained weights back towards their starting values with strength α (penalty α/2·‖w − w₀‖²), against forgetting what pre-training taught. 0.001 to 0.01 is a typical start; not used with LoRA.</source>
        <translation>L2-SP: zieht die vortrainierten Gewichte mit der Stärke α zu ihren Anfangswerten zurück (Strafterm α/2·‖w − w₀‖²), gegen das Vergessen dessen, was das Vortraining gelehrt hat. 0,001 bis 0,01 ist ein typischer Anfang; nicht mit LoRA.</translation>
    </message>
    <message>
        <source>Choose a model to see its layers.</source>
        <translation>Wählen Sie ein Modell, um seine Schichten zu sehen.</translation>
    </message>
    <message>
        <source>The layers cannot be read: %1</source>
        <translation>Die Schichten lassen sich nicht lesen: %1</translation>
    </message>
    <message>
        <source>LoRA: the %1 base parameters stay frozen; small adapters and the head train.</source>
        <translation>LoRA: Die %1 Basisparameter bleiben eingefroren; kleine Adapter und der Kopf werden trainiert.</translation>
    </message>
    <message>
        <source>Trains %1 of %2 parameters (%3 %), plus a new head where the model has none.</source>
        <translation>Trainiert %1 von %2 Parametern (%3 %), dazu einen neuen Kopf, wo das Modell keinen hat.</translation>
    </message>
</context>
<context>
    <name>ft::ui::ConfusionModel</name>
    <message>
        <source>true %1, predicted %2: %3</source>
        <translation>wahr %1, vorhergesagt %2: %3</translation>
    </message>
    <message>
        <source>pred. %1</source>
        <translation>vorh. %1</translation>
    </message>
    <message>
        <source>true %1</source>
        <translation>wahr %1</translation>
    </message>
</context>
<context>
    <name>ft::ui::CounterfactualModel</name>
    <message>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>The predicted class changed with the swap.</source>
        <translation>Die vorhergesagte Klasse hat sich durch den Austausch geändert.</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Counterfactual</source>
        <translation>Kontrafaktisch</translation>
    </message>
    <message>
        <source>Δ</source>
        <translation>Δ</translation>
    </message>
    <message>
        <source>Flipped</source>
        <translation>Gekippt</translation>
    </message>
    <message>
        <source>Line of the example in the data file</source>
        <translation>Zeile des Beispiels in der Datendatei</translation>
    </message>
    <message>
        <source>Change in the probability of the originally predicted class (language models: in the negative log-likelihood per token)</source>
        <translation>Änderung der Wahrscheinlichkeit der ursprünglich vorhergesagten Klasse (Sprachmodelle: der negativen Log-Likelihood pro Token)</translation>
    </message>
    <message>
        <source>Whether the predicted class changed</source>
        <translation>Ob sich die vorhergesagte Klasse geändert hat</translation>
    </message>
</context>
<context>
    <name>ft::ui::DataPanel</name>
    <message>
        <source>Choose the training data</source>
        <translation>Trainingsdaten wählen</translation>
    </message>
    <message>
        <source>CSV, TSV, JSON Lines, JSON or plain text. Drop a file here or open one, then tell which columns hold the text and the label.</source>
        <translation>CSV, TSV, JSON Lines, JSON oder reiner Text. Ziehen Sie eine Datei hierher oder öffnen Sie eine, und geben Sie dann an, welche Spalten Text und Label enthalten.</translation>
    </message>
    <message>
        <source>No dataset yet</source>
        <translation>Noch kein Datensatz</translation>
    </message>
    <message>
        <source>Open dataset…</source>
        <translation>Datensatz öffnen…</translation>
    </message>
    <message>
        <source>Choose the training file. A validation split is taken from it.</source>
        <translation>Trainingsdatei wählen. Ein Validierungsteil wird daraus abgezweigt.</translation>
    </message>
    <message>
        <source>Line in the file</source>
        <translation>Zeile in der Datei</translation>
    </message>
    <message>
        <source>Classify text</source>
        <translation>Text klassifizieren</translation>
    </message>
    <message>
        <source>Continue text (language modelling)</source>
        <translation>Text fortsetzen (Sprachmodellierung)</translation>
    </message>
    <message>
        <source>The column with the input text.</source>
        <translation>Die Spalte mit dem Eingabetext.</translation>
    </message>
    <message>
        <source>Optional second text (e.g. the hypothesis in a sentence pair task).</source>
        <translation>Optionaler zweiter Text (z. B. die Hypothese bei Satzpaar-Aufgaben).</translation>
    </message>
    <message>
        <source>The column with the class to predict.</source>
        <translation>Die Spalte mit der vorherzusagenden Klasse.</translation>
    </message>
    <message>
        <source>Sensitive attributes (e.g. gender, age group): the evaluation reports accuracy and error rates per group so you can see who the model fails.</source>
        <translation>Sensible Merkmale (z. B. Geschlecht, Altersgruppe): Die Auswertung zeigt Genauigkeit und Fehlerraten je Gruppe, damit Sie sehen, bei wem das Modell versagt.</translation>
    </message>
    <message>
        <source>Share of the rows held out for validation (stratified by label).</source>
        <translation>Anteil der Zeilen, der für die Validierung zurückgehalten wird (nach Label geschichtet).</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> Tokens</translation>
    </message>
    <message>
        <source>Longer texts are truncated. Memory grows with this length.</source>
        <translation>Längere Texte werden gekürzt. Der Speicherbedarf wächst mit dieser Länge.</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>Aufgabe:</translation>
    </message>
    <message>
        <source>Text column:</source>
        <translation>Textspalte:</translation>
    </message>
    <message>
        <source>Text pair column:</source>
        <translation>Textpaar-Spalte:</translation>
    </message>
    <message>
        <source>Label column:</source>
        <translation>Labelspalte:</translation>
    </message>
    <message>
        <source>Sensitive attributes:</source>
        <translation>Sensible Merkmale:</translation>
    </message>
    <message>
        <source>Validation fraction:</source>
        <translation>Validierungsanteil:</translation>
    </message>
    <message>
        <source>Max length:</source>
        <translation>Max. Länge:</translation>
    </message>
    <message>
        <source>Label counts (previewed rows)</source>
        <translation>Label-Häufigkeiten (Vorschauzeilen)</translation>
    </message>
    <message>
        <source>Open dataset</source>
        <translation>Datensatz öffnen</translation>
    </message>
    <message>
        <source>Datasets (*.csv *.tsv *.jsonl *.json *.txt);;All files (*)</source>
        <translation>Datensätze (*.csv *.tsv *.jsonl *.json *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lese %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) previewed, %1 column(s).</source>
        <translation>
            <numerusform>%n Zeile in der Vorschau, %1 Spalte(n).</numerusform>
            <numerusform>%n Zeilen in der Vorschau, %1 Spalte(n).</numerusform>
        </translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>all examples</source>
        <translation>alle Beispiele</translation>
    </message>
    <message>
        <source> per class</source>
        <translation> pro Klasse</translation>
    </message>
    <message>
        <source>Few-shot: train on this many examples of each class, drawn with the run&apos;s seed (classes with fewer keep all of theirs). Validation stays whole.</source>
        <translation>Few-Shot: mit so vielen Beispielen je Klasse trainieren, gezogen mit dem Startwert des Laufs (Klassen mit weniger behalten alle). Die Validierung bleibt vollständig.</translation>
    </message>
    <message>
        <source>Augment training texts</source>
        <translation>Trainingstexte variieren</translation>
    </message>
    <message>
        <source>In each epoch, change about half of the training texts a little: WordNet synonyms, swapped words, deleted words. Seeded, so runs repeat; validation is never changed. Helps against overfitting on small data.</source>
        <translation>In jeder Epoche etwa die Hälfte der Trainingstexte leicht verändern: WordNet-Synonyme, vertauschte Wörter, gelöschte Wörter. Mit Startwert, daher wiederholbar; die Validierung wird nie verändert. Hilft gegen Überanpassung bei wenig Daten.</translation>
    </message>
    <message>
        <source>Few-shot:</source>
        <translation>Few-Shot:</translation>
    </message>
    <message>
        <source>Choose a model to see lengths in tokens.</source>
        <translation>Wählen Sie ein Modell, um Längen in Tokens zu sehen.</translation>
    </message>
    <message>
        <source>Measuring token lengths…</source>
        <translation>Tokenlängen werden gemessen…</translation>
    </message>
    <message>
        <source>none (optional)</source>
        <translation>keine (optional)</translation>
    </message>
    <message>
        <source>A labelled file held out from training, with the same columns: evaluated once at the end with the best model and never used to choose anything (Evaluate step → Test set).</source>
        <translation>Eine beschriftete Datei mit denselben Spalten, die nicht zum Training dient: Sie wird am Ende einmal mit dem besten Modell ausgewertet und nie für Entscheidungen verwendet (Schritt „Auswerten“ → Testdaten).</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <source>Test file:</source>
        <translation>Testdatei:</translation>
    </message>
    <message>
        <source>Choose a test file</source>
        <translation>Testdatei wählen</translation>
    </message>
    <message>
        <source>What the full pass over the file found. Errors stop a run; warnings are worth a look.</source>
        <translation>Was der vollständige Durchlauf durch die Datei gefunden hat. Fehler halten einen Lauf auf; Warnungen sind einen Blick wert.</translation>
    </message>
    <message>
        <source>A column that says which split each row belongs to (train, validation, test), when the dataset comes split already. Test rows are held out and evaluated once at the end.</source>
        <translation>Eine Spalte, die für jede Zeile angibt, zu welchem Teil sie gehört (train, validation, test), wenn der Datensatz schon aufgeteilt ist. Testzeilen werden zurückgehalten und am Ende einmal ausgewertet.</translation>
    </message>
    <message>
        <source>Stratify by the sensitive attributes too</source>
        <translation>Auch nach den sensiblen Merkmalen schichten</translation>
    </message>
    <message>
        <source>Split so that every combination of label and sensitive attribute keeps its share in validation, so small groups are measured at all.</source>
        <translation>So aufteilen, dass jede Kombination aus Label und sensiblem Merkmal ihren Anteil in der Validierung behält, damit auch kleine Gruppen gemessen werden.</translation>
    </message>
    <message>
        <source>Trim</source>
        <translation>Kürzen</translation>
    </message>
    <message>
        <source>Strip spaces and line breaks around the text and label cells.</source>
        <translation>Leerzeichen und Zeilenumbrüche am Rand der Text- und Label-Zellen entfernen.</translation>
    </message>
    <message>
        <source>Drop empty</source>
        <translation>Leere entfernen</translation>
    </message>
    <message>
        <source>Leave out rows whose text is empty.</source>
        <translation>Zeilen mit leerem Text weglassen.</translation>
    </message>
    <message>
        <source>Keep duplicates</source>
        <translation>Duplikate behalten</translation>
    </message>
    <message>
        <source>Drop exact duplicates</source>
        <translation>Exakte Duplikate entfernen</translation>
    </message>
    <message>
        <source>Drop near duplicates</source>
        <translation>Fast-Duplikate entfernen</translation>
    </message>
    <message>
        <source>Keep the first of several rows with the same text (near: ignoring case, punctuation and spacing). Duplicates across the split leak validation answers into training.</source>
        <translation>Von mehreren Zeilen mit demselben Text die erste behalten (fast: ohne Groß-/Kleinschreibung, Satzzeichen und Abstände). Duplikate über die Aufteilung hinweg verraten dem Training Antworten der Validierung.</translation>
    </message>
    <message>
        <source>Split column:</source>
        <translation>Aufteilungsspalte:</translation>
    </message>
    <message>
        <source>Cleaning:</source>
        <translation>Bereinigung:</translation>
    </message>
    <message>
        <source>Every row is read, counted and measured in tokens; the preview above is ready already.</source>
        <translation>Jede Zeile wird gelesen, gezählt und in Tokens gemessen; die Vorschau oben ist schon fertig.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop the full pass; the preview and the column mapping stay.</source>
        <translation>Den vollständigen Durchlauf anhalten; Vorschau und Spaltenzuordnung bleiben.</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Aufteilung</translation>
    </message>
    <message>
        <source>Cleaning and size</source>
        <translation>Bereinigung und Umfang</translation>
    </message>
    <message>
        <source>The full pass was stopped; open the file again to measure it.</source>
        <translation>Der vollständige Durchlauf wurde angehalten; öffnen Sie die Datei erneut, um sie zu messen.</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <source>Measuring the whole file…</source>
        <translation>Die ganze Datei wird gemessen…</translation>
    </message>
    <message>
        <source>Automatic encoding</source>
        <translation>Kodierung automatisch</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>UTF-16</source>
        <translation>UTF-16</translation>
    </message>
    <message>
        <source>Latin-1 (ISO 8859-1)</source>
        <translation>Latin-1 (ISO 8859-1)</translation>
    </message>
    <message>
        <source>How the file&apos;s bytes spell characters. Automatic reads UTF-8, or UTF-16 / UTF-8 when the file starts with a byte-order mark; older Western European files are often Latin-1.</source>
        <translation>Wie die Bytes der Datei Zeichen darstellen. Automatisch liest UTF-8, oder UTF-16 / UTF-8, wenn die Datei mit einer Byte-Order-Markierung beginnt; ältere westeuropäische Dateien sind oft Latin-1.</translation>
    </message>
    <message>
        <source>Choose the file&apos;s encoding beside “Open dataset” (Latin-1 for many older files).</source>
        <translation>Wählen Sie die Kodierung der Datei neben „Datensatz öffnen“ (Latin-1 für viele ältere Dateien).</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s), %1 column(s).</source>
        <translation>
            <numerusform>%Ln Zeile, %1 Spalte(n).</numerusform>
            <numerusform>%Ln Zeilen, %1 Spalte(n).</numerusform>
        </translation>
    </message>
    <message>
        <source>Label counts (all rows)</source>
        <translation>Label-Häufigkeiten (alle Zeilen)</translation>
    </message>
    <message>
        <source>Click to show line %1 in the table (%2)</source>
        <translation>Klicken, um Zeile %1 in der Tabelle zu zeigen (%2)</translation>
    </message>
    <message>
        <source>Rewrite text (text to text, T5)</source>
        <translation>Text umschreiben (Text zu Text, T5)</translation>
    </message>
    <message>
        <source>Classification learns a label per text; language modelling learns the texts themselves; text to text learns to write the target column from the text column (an encoder-decoder model such as T5).</source>
        <translation>Klassifikation lernt ein Label je Text; Sprachmodellierung lernt die Texte selbst; Text zu Text lernt, die Zielspalte aus der Textspalte zu schreiben (ein Encoder-Decoder-Modell wie T5).</translation>
    </message>
    <message>
        <source>Text to text: the column with the text the model learns to write.</source>
        <translation>Text zu Text: die Spalte mit dem Text, den das Modell schreiben lernt.</translation>
    </message>
    <message>
        <source>Target column:</source>
        <translation>Zielspalte:</translation>
    </message>
</context>
<context>
    <name>ft::ui::DataQualityChart</name>
    <message>
        <source>Rows to look at (whole file)</source>
        <translation>Zeilen zum Ansehen (ganze Datei)</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Measured once the whole file is read.</source>
        <translation>Gemessen, sobald die ganze Datei gelesen ist.</translation>
    </message>
    <message>
        <source>Exact duplicates</source>
        <translation>Exakte Duplikate</translation>
    </message>
    <message>
        <source>Near duplicates</source>
        <translation>Fast-Duplikate</translation>
    </message>
    <message>
        <source>Empty texts</source>
        <translation>Leere Texte</translation>
    </message>
    <message>
        <source>Missing labels</source>
        <translation>Fehlende Labels</translation>
    </message>
    <message>
        <source>Longer than max length</source>
        <translation>Länger als die Höchstlänge</translation>
    </message>
    <message>
        <source>Also in validation</source>
        <translation>Auch in der Validierung</translation>
    </message>
</context>
<context>
    <name>ft::ui::ErrorText</name>
    <message>
        <source>Choose a new or empty folder that you can write to.</source>
        <translation>Wählen Sie einen neuen oder leeren Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <source>Check the job settings named above.</source>
        <translation>Prüfen Sie die oben genannten Auftragseinstellungen.</translation>
    </message>
    <message>
        <source>Fix the dataset file at the given line, or choose another file.</source>
        <translation>Korrigieren Sie die Datei an der angegebenen Zeile oder wählen Sie eine andere.</translation>
    </message>
    <message>
        <source>The model folder looks damaged or unsupported; choose another model.</source>
        <translation>Der Modellordner scheint beschädigt oder nicht unterstützt; wählen Sie ein anderes Modell.</translation>
    </message>
    <message>
        <source>The model folder needs a usable tokenizer.json.</source>
        <translation>Der Modellordner braucht eine verwendbare tokenizer.json.</translation>
    </message>
    <message>
        <source>Check that the file exists and is readable.</source>
        <translation>Prüfen Sie, ob die Datei existiert und lesbar ist.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Check the network connection; a new download continues where this one stopped.</source>
        <translation>Prüfen Sie die Netzwerkverbindung; ein neuer Download setzt dort fort, wo dieser aufgehört hat.</translation>
    </message>
    <message>
        <source>Free some disk space, or point HF_HOME at a folder with room and start again.</source>
        <translation>Geben Sie Speicherplatz frei oder lassen Sie HF_HOME auf einen Ordner mit genug Platz zeigen, und starten Sie erneut.</translation>
    </message>
    <message>
        <source>Copy the repository id from the model&apos;s page on huggingface.co.</source>
        <translation>Kopieren Sie die Repository-ID von der Seite des Modells auf huggingface.co.</translation>
    </message>
</context>
<context>
    <name>ft::ui::EvalPanel</name>
    <message>
        <source>Evaluate</source>
        <translation>Auswerten</translation>
    </message>
    <message>
        <source>How the fine-tuned model does on the held-out validation split, overall, per class and per group.</source>
        <translation>Wie das feingetunte Modell auf dem zurückgehaltenen Validierungsteil abschneidet: gesamt, je Klasse und je Gruppe.</translation>
    </message>
    <message>
        <source>Per class</source>
        <translation>Je Klasse</translation>
    </message>
    <message>
        <source>Rows: true class; columns: predicted class. Shading: share of the row.</source>
        <translation>Zeilen: wahre Klasse; Spalten: vorhergesagte Klasse. Färbung: Anteil an der Zeile.</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>Konfusionsmatrix</translation>
    </message>
    <message>
        <source>Largest differences between groups, with 95% intervals.</source>
        <translation>Größte Unterschiede zwischen Gruppen, mit 95-%-Intervallen.</translation>
    </message>
    <message>
        <source>Fairness</source>
        <translation>Fairness</translation>
    </message>
    <message>
        <source>No evaluation yet</source>
        <translation>Noch keine Auswertung</translation>
    </message>
    <message>
        <source>Train a model, or open a finished run from the Runs step.</source>
        <translation>Trainieren Sie ein Modell oder öffnen Sie einen abgeschlossenen Lauf im Schritt „Läufe“.</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>No evaluation report could be read:
%1</source>
        <translation>Es konnte kein Auswertungsbericht gelesen werden:
%1</translation>
    </message>
    <message numerus="yes">
        <source>Run &lt;b&gt;%1&lt;/b&gt; — %2 split, %n example(s)</source>
        <translation>
            <numerusform>Lauf &lt;b&gt;%1&lt;/b&gt; — Teil %2, %n Beispiel</numerusform>
            <numerusform>Lauf &lt;b&gt;%1&lt;/b&gt; — Teil %2, %n Beispiele</numerusform>
        </translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Share of examples classified correctly.</source>
        <translation>Anteil korrekt klassifizierter Beispiele.</translation>
    </message>
    <message>
        <source>Balanced accuracy</source>
        <translation>Balancierte Genauigkeit</translation>
    </message>
    <message>
        <source>Mean recall over classes.</source>
        <translation>Mittlere Trefferquote über die Klassen.</translation>
    </message>
    <message>
        <source>Macro F1</source>
        <translation>Makro-F1</translation>
    </message>
    <message>
        <source>F1 averaged over classes, each class weighted equally.</source>
        <translation>F1 gemittelt über die Klassen, jede Klasse gleich gewichtet.</translation>
    </message>
    <message>
        <source>Weighted F1</source>
        <translation>Gewichteter F1</translation>
    </message>
    <message>
        <source>F1 averaged over classes, weighted by support.</source>
        <translation>F1 gemittelt über die Klassen, nach Anzahl gewichtet.</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>Perplexität</translation>
    </message>
    <message>
        <source>exp(mean token loss).</source>
        <translation>exp(mittlerer Token-Verlust).</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Mean validation loss.</source>
        <translation>Mittlerer Validierungsverlust.</translation>
    </message>
    <message>
        <source>No sensitive attributes were selected in the Data step.</source>
        <translation>Im Schritt „Daten“ wurden keine sensiblen Merkmale gewählt.</translation>
    </message>
    <message>
        <source>Identity terms in the validation texts were swapped (he ↔ she, …) and the model run again.
Flip rate: share of pairs whose predicted class changed.
Mean |Δ|: mean change in the probability of the originally predicted class.
Invariance failures: share of examples where some swap flipped the class or moved that probability by more than the tolerance (CheckList&apos;s invariance test).</source>
        <translation>Identitätsbegriffe in den Validierungstexten wurden ausgetauscht (he ↔ she, …) und das Modell erneut ausgeführt.
Kipprate: Anteil der Paare, deren vorhergesagte Klasse sich geändert hat.
Mittleres |Δ|: mittlere Änderung der Wahrscheinlichkeit der ursprünglich vorhergesagten Klasse.
Invarianzfehler: Anteil der Beispiele, bei denen ein Austausch die Klasse gekippt oder diese Wahrscheinlichkeit um mehr als die Toleranz verschoben hat (Invarianztest von CheckList).</translation>
    </message>
    <message>
        <source>Counterfactual</source>
        <translation>Kontrafaktisch</translation>
    </message>
    <message>
        <source>This run has no counterfactual swap test. Turn it on under Configure → Fairness evaluation.</source>
        <translation>Dieser Lauf hat keinen kontrafaktischen Austauschtest. Schalten Sie ihn unter Konfigurieren → Fairness-Auswertung ein.</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>Swap list: %1</source>
        <translation>Austauschliste: %1</translation>
    </message>
    <message>
        <source>built-in English gender terms</source>
        <translation>eingebaute englische Geschlechterbegriffe</translation>
    </message>
    <message>
        <source>Coverage: %1 of %2 examples contain a swappable term (%3%), %4 pairs</source>
        <translation>Abdeckung: %1 von %2 Beispielen enthalten einen austauschbaren Begriff (%3 %), %4 Paare</translation>
    </message>
    <message>
        <source>Flip rate %1 · mean |Δ| %2 · invariance failure rate %3</source>
        <translation>Kipprate %1 · mittleres |Δ| %2 · Invarianzfehlerrate %3</translation>
    </message>
    <message>
        <source>No validation text contains a term from the swap list, so nothing was compared.</source>
        <translation>Kein Validierungstext enthält einen Begriff aus der Austauschliste; es wurde nichts verglichen.</translation>
    </message>
    <message>
        <source>The pairs that moved the prediction most:</source>
        <translation>Die Paare, die die Vorhersage am stärksten verschoben haben:</translation>
    </message>
    <message>
        <source>before training: %1</source>
        <translation>vor dem Training: %1</translation>
    </message>
    <message>
        <source>Forgetting check on %1: perplexity %2 before fine-tuning, %3 after (%4%).</source>
        <translation>Vergessenstest mit %1: Perplexität %2 vor dem Feintuning, %3 danach (%4 %).</translation>
    </message>
    <message>
        <source>Open report</source>
        <translation>Bericht öffnen</translation>
    </message>
    <message>
        <source>Open the run&apos;s self-contained HTML report (tables and charts) in the web browser.</source>
        <translation>Den eigenständigen HTML-Bericht des Laufs (Tabellen und Diagramme) im Webbrowser öffnen.</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Save the report as one HTML page, as versioned JSON, or as a tidy CSV table.</source>
        <translation>Den Bericht als eine HTML-Seite, als versioniertes JSON oder als aufgeräumte CSV-Tabelle speichern.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Choose a file name ending in .html, .json or .csv.</source>
        <translation>Wählen Sie einen Dateinamen mit der Endung .html, .json oder .csv.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Export evaluation report</source>
        <translation>Auswertungsbericht exportieren</translation>
    </message>
    <message>
        <source>HTML report (*.html);;JSON report (*.json);;CSV table (*.csv)</source>
        <translation>HTML-Bericht (*.html);;JSON-Bericht (*.json);;CSV-Tabelle (*.csv)</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>Validierungsteil</translation>
    </message>
    <message>
        <source>Test set</source>
        <translation>Testdaten</translation>
    </message>
    <message>
        <source>The run&apos;s report on its validation split, or on the held-out test file evaluated once at the end.</source>
        <translation>Der Bericht des Laufs über seinen Validierungsteil oder über die zurückgehaltene Testdatei, die einmal am Ende ausgewertet wird.</translation>
    </message>
    <message>
        <source>Mean cross-entropy per predicted token.</source>
        <translation>Mittlere Kreuzentropie je vorhergesagtem Token.</translation>
    </message>
    <message>
        <source>Exact match</source>
        <translation>Exakte Übereinstimmung</translation>
    </message>
    <message numerus="yes">
        <source>Share of the first %n validation example(s) whose greedy generation equals the target.</source>
        <translation>
            <numerusform>Anteil des ersten Validierungsbeispiels, dessen gierige Generierung dem Ziel gleicht.</numerusform>
            <numerusform>Anteil der ersten %n Validierungsbeispiele, deren gierige Generierung dem Ziel gleicht.</numerusform>
        </translation>
    </message>
    <message>
        <source>For example, “%1” → “%2” (target: “%3”).</source>
        <translation>Zum Beispiel „%1“ → „%2“ (Ziel: „%3“).</translation>
    </message>
    <message>
        <source>Generated text</source>
        <translation>Erzeugter Text</translation>
    </message>
</context>
<context>
    <name>ft::ui::ExportPanel</name>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Write the fine-tuned model as a Hugging Face folder with its tokenizer and a model card, or a LoRA run&apos;s PEFT adapter. The export is then reloaded and must reproduce the model&apos;s outputs.</source>
        <translation>Das feingetunte Modell als Hugging-Face-Ordner mit Tokenizer und Modellkarte schreiben, oder den PEFT-Adapter eines LoRA-Laufs. Der Export wird danach neu geladen und muss die Ausgaben des Modells reproduzieren.</translation>
    </message>
    <message>
        <source>What to export</source>
        <translation>Was exportiert wird</translation>
    </message>
    <message>
        <source>No run yet</source>
        <translation>Noch kein Lauf</translation>
    </message>
    <message>
        <source>The run to export (its best model, or for LoRA runs the merged model or the adapter), or any supported model folder. Default: the run shown in the Evaluate step.</source>
        <translation>Der zu exportierende Lauf (sein bestes Modell, bei LoRA-Läufen das zusammengeführte Modell oder der Adapter) oder ein beliebiger unterstützter Modellordner. Standard: der im Schritt „Auswerten“ gezeigte Lauf.</translation>
    </message>
    <message>
        <source>Choose run or model folder…</source>
        <translation>Lauf oder Modellordner wählen…</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Quelle:</translation>
    </message>
    <message>
        <source>The folder to write. It is written whole or not at all, and an existing folder is replaced. Default: “export” inside the run folder.</source>
        <translation>Der zu schreibende Ordner. Er wird ganz oder gar nicht geschrieben; ein vorhandener Ordner wird ersetzt. Standard: „export“ im Laufordner.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>Zielordner:</translation>
    </message>
    <message>
        <source>float32 (full precision)</source>
        <translation>float32 (volle Präzision)</translation>
    </message>
    <message>
        <source>float16 (half the size)</source>
        <translation>float16 (halbe Größe)</translation>
    </message>
    <message>
        <source>bfloat16 (half the size, float32&apos;s range)</source>
        <translation>bfloat16 (halbe Größe, Wertebereich von float32)</translation>
    </message>
    <message>
        <source>Data type of the written weights. The 16-bit types halve the size; the check then allows a larger difference. Default: float32.</source>
        <translation>Datentyp der geschriebenen Gewichte. Die 16-Bit-Typen halbieren die Größe; die Prüfung erlaubt dann eine größere Abweichung. Standard: float32.</translation>
    </message>
    <message>
        <source>Data type:</source>
        <translation>Datentyp:</translation>
    </message>
    <message>
        <source>PEFT adapter only</source>
        <translation>Nur PEFT-Adapter</translation>
    </message>
    <message>
        <source>Write only the LoRA adapter (adapter_config.json + adapter_model.safetensors, for PeftModel.from_pretrained on the base model) instead of the merged model. LoRA runs only. Default: off.</source>
        <translation>Nur den LoRA-Adapter schreiben (adapter_config.json + adapter_model.safetensors, für PeftModel.from_pretrained auf dem Basismodell) statt des zusammengeführten Modells. Nur bei LoRA-Läufen. Standard: aus.</translation>
    </message>
    <message>
        <source>Write the export in the background, then reload and check it.</source>
        <translation>Den Export im Hintergrund schreiben, danach neu laden und prüfen.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Written:</source>
        <translation>Geschrieben:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>Parameter:</translation>
    </message>
    <message>
        <source>Verification:</source>
        <translation>Prüfung:</translation>
    </message>
    <message>
        <source>Generation check:</source>
        <translation>Generierungstest:</translation>
    </message>
    <message>
        <source>Warnings:</source>
        <translation>Warnungen:</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Im Ordner zeigen</translation>
    </message>
    <message>
        <source>Open the exported folder in the file manager.</source>
        <translation>Den exportierten Ordner im Dateimanager öffnen.</translation>
    </message>
    <message>
        <source>Train a model, open a run in the Runs step, or choose a folder.</source>
        <translation>Trainieren Sie ein Modell, öffnen Sie einen Lauf im Schritt „Läufe“ oder wählen Sie einen Ordner.</translation>
    </message>
    <message>
        <source>The run&apos;s job.json cannot be read: %1</source>
        <translation>Die job.json des Laufs kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>LoRA run: exports the merged model (base + adapters), or only the PEFT adapter.</source>
        <translation>LoRA-Lauf: exportiert das zusammengeführte Modell (Basis + Adapter) oder nur den PEFT-Adapter.</translation>
    </message>
    <message>
        <source>Run: exports its best model (or its latest checkpoint).</source>
        <translation>Lauf: exportiert sein bestes Modell (oder seinen letzten Checkpoint).</translation>
    </message>
    <message>
        <source>Model folder: exported as it is, e.g. in another data type.</source>
        <translation>Modellordner: wird unverändert exportiert, z. B. in einem anderen Datentyp.</translation>
    </message>
    <message>
        <source>Neither a run folder (job.json) nor a model folder (config.json).</source>
        <translation>Weder ein Laufordner (job.json) noch ein Modellordner (config.json).</translation>
    </message>
    <message>
        <source>Choose a run or a model folder to export.</source>
        <translation>Wählen Sie einen Lauf oder einen Modellordner zum Exportieren.</translation>
    </message>
    <message>
        <source>Choose an output folder.</source>
        <translation>Wählen Sie einen Zielordner.</translation>
    </message>
    <message>
        <source>The output folder must not be, or contain, the source or its base model: the export replaces the output folder.</source>
        <translation>Der Zielordner darf weder die Quelle oder ihr Basismodell sein noch sie enthalten: Der Export ersetzt den Zielordner.</translation>
    </message>
    <message>
        <source>Choose run or model folder</source>
        <translation>Lauf oder Modellordner wählen</translation>
    </message>
    <message>
        <source>Choose output folder</source>
        <translation>Zielordner wählen</translation>
    </message>
    <message>
        <source>Replace folder?</source>
        <translation>Ordner ersetzen?</translation>
    </message>
    <message>
        <source>%1 already exists. The export replaces it and everything in it.</source>
        <translation>%1 existiert bereits. Der Export ersetzt den Ordner samt Inhalt.</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Exportiere nach %1…</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>Export abgeschlossen</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>The export failed:
%1</source>
        <translation>Der Export ist fehlgeschlagen:
%1</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Fertig.</translation>
    </message>
    <message>
        <source>PEFT adapter</source>
        <translation>PEFT-Adapter</translation>
    </message>
    <message>
        <source>Hugging Face model folder</source>
        <translation>Hugging-Face-Modellordner</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <source>✓ reloaded, outputs differ by at most %1 (allowed %2)</source>
        <translation>✓ neu geladen, Ausgaben weichen höchstens um %1 ab (erlaubt %2)</translation>
    </message>
    <message>
        <source>not applicable (classifier)</source>
        <translation>entfällt (Klassifikator)</translation>
    </message>
    <message>
        <source>a short greedy generation ends with end-of-sequence</source>
        <translation>eine kurze Greedy-Generierung endet mit dem Sequenzende-Token</translation>
    </message>
    <message>
        <source>no end-of-sequence in a 48-token greedy generation</source>
        <translation>kein Sequenzende-Token in einer Greedy-Generierung von 48 Tokens</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Hugging Face model folder, LoRA merged into the weights</source>
        <translation>Hugging-Face-Modellordner, LoRA in die Gewichte eingerechnet</translation>
    </message>
</context>
<context>
    <name>ft::ui::GeneratedSamplesModel</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Model wrote</source>
        <translation>Modell schrieb</translation>
    </message>
    <message>
        <source>Exact match</source>
        <translation>Exakte Übereinstimmung</translation>
    </message>
    <message>
        <source>The fine-tuned model&apos;s greedy generation for the source</source>
        <translation>Die gierige Generierung des feinabgestimmten Modells für die Quelle</translation>
    </message>
    <message>
        <source>Whether the generation equals the target (special tokens and surrounding spaces left out)</source>
        <translation>Ob die Generierung dem Ziel gleicht (ohne Sondertokens und umgebende Leerzeichen)</translation>
    </message>
</context>
<context>
    <name>ft::ui::GroupMetricsModel</name>
    <message>
        <source>95% interval of the group&apos;s accuracy</source>
        <translation>95-%-Intervall der Genauigkeit der Gruppe</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>Merkmal</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>95% interval</source>
        <translation>95-%-Intervall</translation>
    </message>
    <message>
        <source>Macro F1</source>
        <translation>Makro-F1</translation>
    </message>
    <message>
        <source>Selection rate</source>
        <translation>Auswahlrate</translation>
    </message>
    <message>
        <source>TPR</source>
        <translation>TPR</translation>
    </message>
    <message>
        <source>FPR</source>
        <translation>FPR</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
</context>
<context>
    <name>ft::ui::HubDownloadDialog</name>
    <message>
        <source>Download from Hugging Face</source>
        <translation>Von Hugging Face herunterladen</translation>
    </message>
    <message>
        <source>organisation/name, e.g. HuggingFaceTB/SmolLM2-135M</source>
        <translation>Organisation/Name, z. B. HuggingFaceTB/SmolLM2-135M</translation>
    </message>
    <message>
        <source>A branch, tag or commit of the repository</source>
        <translation>Ein Zweig, Tag oder Commit des Repositorys</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>List the repository&apos;s files and the download size</source>
        <translation>Die Dateien des Repositorys und die Downloadgröße auflisten</translation>
    </message>
    <message>
        <source>Repository:</source>
        <translation>Repository:</translation>
    </message>
    <message>
        <source>Revision:</source>
        <translation>Revision:</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Asking the Hub for the file list…</source>
        <translation>Dateiliste wird beim Hub erfragt…</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>Wird heruntergeladen…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Wird angehalten…</translation>
    </message>
    <message>
        <source>Cancelled. The part already downloaded is kept; Download continues from there.</source>
        <translation>Abgebrochen. Der bereits geladene Teil bleibt erhalten; „Herunterladen“ setzt dort fort.</translation>
    </message>
    <message>
        <source>Downloaded to %1</source>
        <translation>Heruntergeladen nach %1</translation>
    </message>
    <message>
        <source>Not a repository id: it looks like organisation/name, letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;.</source>
        <translation>Keine Repository-ID: Sie hat die Form Organisation/Name aus Buchstaben, Ziffern, „-“, „_“ und „.“.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Not needed to train the model (other weight formats, extra folders)</source>
        <translation>Für das Training nicht nötig (andere Gewichtsformate, zusätzliche Ordner)</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) to download, %1 in all (commit %2)</source>
        <translation>
            <numerusform>%n Datei herunterzuladen, insgesamt %1 (Commit %2)</numerusform>
            <numerusform>%n Dateien herunterzuladen, insgesamt %1 (Commit %2)</numerusform>
        </translation>
    </message>
    <message>
        <source>None of these files is needed for training.</source>
        <translation>Keine dieser Dateien wird für das Training gebraucht.</translation>
    </message>
    <message>
        <source>File %1 of %2: %3 — %4 of %5</source>
        <translation>Datei %1 von %2: %3 — %4 von %5</translation>
    </message>
    <message>
        <source>Choose a well-known model…</source>
        <translation>Ein bekanntes Modell wählen…</translation>
    </message>
    <message>
        <source>%1 — %2 parameters, %3</source>
        <translation>%1 — %2 Parameter, %3</translation>
    </message>
    <message>
        <source>M</source>
        <translation> Mio.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Models Finetune Studio trains well, from small classifiers to chat models</source>
        <translation>Modelle, die Finetune Studio gut trainiert, von kleinen Klassifikatoren bis zu Chat-Modellen</translation>
    </message>
    <message>
        <source>Catalog:</source>
        <translation>Katalog:</translation>
    </message>
    <message>
        <source>Downloads a model&apos;s configuration, safetensors weights and tokenizer into the shared Hugging Face cache, where Python tools find it too. Gated and private models need an access token: paste it below, or set HF_TOKEN.</source>
        <translation>Lädt Konfiguration, safetensors-Gewichte und Tokenizer eines Modells in den gemeinsamen Hugging-Face-Cache, wo auch Python-Werkzeuge sie finden. Geschützte und private Modelle brauchen ein Zugriffstoken: fügen Sie es unten ein oder setzen Sie HF_TOKEN.</translation>
    </message>
    <message>
        <source>hf_… (only for gated or private models)</source>
        <translation>hf_… (nur für geschützte oder private Modelle)</translation>
    </message>
    <message>
        <source>A Hugging Face access token (huggingface.co ▸ Settings ▸ Access Tokens). Empty: the HF_TOKEN environment variable or the token `hf auth login` saved, if any.</source>
        <translation>Ein Hugging-Face-Zugriffstoken (huggingface.co ▸ Settings ▸ Access Tokens). Leer: die Umgebungsvariable HF_TOKEN oder das von `hf auth login` gespeicherte Token, falls vorhanden.</translation>
    </message>
    <message>
        <source>Remember in the system keychain</source>
        <translation>Im Schlüsselbund des Systems merken</translation>
    </message>
    <message>
        <source>Keep the token in the operating system&apos;s keychain for the next download, never in a file</source>
        <translation>Das Token für den nächsten Download im Schlüsselbund des Betriebssystems aufbewahren, nie in einer Datei</translation>
    </message>
    <message>
        <source>This build has no keychain support: the token is used for this session only</source>
        <translation>Diese Version kann keinen Schlüsselbund nutzen: Das Token gilt nur für diese Sitzung</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>Zugriffstoken:</translation>
    </message>
    <message>
        <source>The token could not be kept in the keychain (%1); it is used for this download only.</source>
        <translation>Das Token konnte nicht im Schlüsselbund aufbewahrt werden (%1); es gilt nur für diesen Download.</translation>
    </message>
</context>
<context>
    <name>ft::ui::HubTokenStore</name>
    <message>
        <source>this build has no keychain support</source>
        <translation>diese Version kann keinen Schlüsselbund nutzen</translation>
    </message>
</context>
<context>
    <name>ft::ui::JobBundleDialog</name>
    <message>
        <source>Export job bundle</source>
        <translation>Job-Paket exportieren</translation>
    </message>
    <message>
        <source>Writes the job into a new folder together with scripts that train it with several worker processes: run-local.sh on one machine, run-slurm.sh on a Slurm cluster. README.txt in the folder explains both.</source>
        <translation>Schreibt den Job zusammen mit Skripten, die ihn mit mehreren Worker-Prozessen trainieren, in einen neuen Ordner: run-local.sh auf einem Rechner, run-slurm.sh auf einem Slurm-Cluster. README.txt im Ordner erklärt beide.</translation>
    </message>
    <message>
        <source>A new or empty folder</source>
        <translation>Ein neuer oder leerer Ordner</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Worker processes per machine: run-local.sh&apos;s --nproc and the Slurm tasks per node</source>
        <translation>Worker-Prozesse pro Rechner: --nproc von run-local.sh und die Slurm-Tasks pro Knoten</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>Workers per machine:</source>
        <translation>Worker pro Rechner:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Bundle folder</source>
        <translation>Ordner für das Job-Paket</translation>
    </message>
</context>
<context>
    <name>ft::ui::LayerMapView</name>
    <message>
        <source>The model&apos;s layers, head on top. Coloured layers train, grey ones are frozen. Click a block to freeze it and everything below; click the embeddings to freeze or train them.</source>
        <translation>Die Schichten des Modells, der Kopf oben. Farbige Schichten werden trainiert, graue sind eingefroren. Ein Klick auf einen Block friert ihn und alles darunter ein; ein Klick auf die Einbettungen friert sie ein oder gibt sie frei.</translation>
    </message>
    <message>
        <source>Choose a model to see its layers.</source>
        <translation>Wählen Sie ein Modell, um seine Schichten zu sehen.</translation>
    </message>
    <message>
        <source>Embeddings</source>
        <translation>Einbettungen</translation>
    </message>
    <message>
        <source>Head and final norm</source>
        <translation>Kopf und letzte Normierung</translation>
    </message>
    <message>
        <source>Block %1</source>
        <translation>Block %1</translation>
    </message>
    <message>
        <source>trains</source>
        <translation>wird trainiert</translation>
    </message>
    <message>
        <source>frozen</source>
        <translation>eingefroren</translation>
    </message>
    <message>
        <source>frozen (LoRA adapters train)</source>
        <translation>eingefroren (LoRA-Adapter werden trainiert)</translation>
    </message>
    <message>
        <source>new head trains</source>
        <translation>neuer Kopf wird trainiert</translation>
    </message>
    <message>
        <source>opens at step %1</source>
        <translation>frei ab Schritt %1</translation>
    </message>
    <message>
        <source>%1 · %2 parameters · %3</source>
        <translation>%1 · %2 Parameter · %3</translation>
    </message>
</context>
<context>
    <name>ft::ui::MainWindow</name>
    <message>
        <source>Export job &amp;bundle…</source>
        <translation>Job-&amp;Paket exportieren…</translation>
    </message>
    <message>
        <source>Export job bundle</source>
        <translation>Job-Paket exportieren</translation>
    </message>
    <message>
        <source>The job bundle could not be written.

%1</source>
        <translation>Das Job-Paket konnte nicht geschrieben werden.

%1</translation>
    </message>
    <message>
        <source>The job bundle is in %1.

On this machine run run-local.sh; on a Slurm cluster run &quot;sbatch run-slurm.sh&quot; from inside the folder. README.txt explains both.</source>
        <translation>Das Job-Paket liegt in %1.

Auf diesem Rechner run-local.sh ausführen, auf einem Slurm-Cluster im Ordner „sbatch run-slurm.sh“. README.txt erklärt beides.</translation>
    </message>
    <message>
        <source>Finetune Studio</source>
        <translation>Finetune Studio</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>Training läuft…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New job</source>
        <translation>&amp;Neuer Auftrag</translation>
    </message>
    <message>
        <source>&amp;Open job…</source>
        <translation>Auftrag ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Save job &amp;as…</source>
        <translation>Auftrag speichern &amp;unter…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Finetune Studio</source>
        <translation>Ü&amp;ber Finetune Studio</translation>
    </message>
    <message>
        <source>About Finetune Studio</source>
        <translation>Über Finetune Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Finetune Studio %1&lt;/h3&gt;&lt;p&gt;Point-and-click fine-tuning of Hugging Face models on your own computer.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Finetune Studio %1&lt;/h3&gt;&lt;p&gt;Feintuning von Hugging-Face-Modellen per Mausklick auf dem eigenen Rechner.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>Training starten</translation>
    </message>
    <message>
        <source>Next: %1 ▸</source>
        <translation>Weiter: %1 ▸</translation>
    </message>
    <message>
        <source>New job</source>
        <translation>Neuer Auftrag</translation>
    </message>
    <message>
        <source>Open job</source>
        <translation>Auftrag öffnen</translation>
    </message>
    <message>
        <source>Job files (*.json);;All files (*)</source>
        <translation>Auftragsdateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The job could not be opened.

%1</source>
        <translation>Der Auftrag konnte nicht geöffnet werden.

%1</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>Save job as</source>
        <translation>Auftrag speichern unter</translation>
    </message>
    <message>
        <source>Job files (*.json)</source>
        <translation>Auftragsdateien (*.json)</translation>
    </message>
    <message>
        <source>Save job</source>
        <translation>Auftrag speichern</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Training in progress</source>
        <translation>Training läuft</translation>
    </message>
    <message>
        <source>A run is still training. Cancel it and quit? The last checkpoint is kept and the run can be resumed.</source>
        <translation>Ein Lauf trainiert noch. Abbrechen und beenden? Der letzte Checkpoint bleibt erhalten, der Lauf kann fortgesetzt werden.</translation>
    </message>
    <message>
        <source>Export in progress</source>
        <translation>Export läuft</translation>
    </message>
    <message>
        <source>An export is still being written. Quit anyway? The application exits once the export is done.</source>
        <translation>Ein Export wird noch geschrieben. Trotzdem beenden? Die Anwendung schließt sich, sobald der Export fertig ist.</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Preferences saved; a new language shows at the next start.</source>
        <translation>Einstellungen gespeichert; eine neue Sprache erscheint beim nächsten Start.</translation>
    </message>
</context>
<context>
    <name>ft::ui::ModelListModel</name>
    <message>
        <source>bundled</source>
        <translation>mitgeliefert</translation>
    </message>
    <message>
        <source>Hugging Face cache</source>
        <translation>Hugging-Face-Cache</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
</context>
<context>
    <name>ft::ui::ModelPanel</name>
    <message>
        <source>Choose a model</source>
        <translation>Modell wählen</translation>
    </message>
    <message>
        <source>Models found in the bundled folder, the Hugging Face cache and folders you add. Greyed-out models cannot be trained yet; hover for the reason.</source>
        <translation>Modelle aus dem mitgelieferten Ordner, dem Hugging-Face-Cache und von Ihnen hinzugefügten Ordnern. Ausgegraute Modelle lassen sich noch nicht trainieren; zeigen Sie darauf, um den Grund zu sehen.</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>Add a model folder (config.json + *.safetensors + tokenizer) or a folder of such folders.</source>
        <translation>Einen Modellordner (config.json + *.safetensors + Tokenizer) oder einen Ordner solcher Ordner hinzufügen.</translation>
    </message>
    <message>
        <source>Remove folder</source>
        <translation>Ordner entfernen</translation>
    </message>
    <message>
        <source>Forget the user-added folder that holds the selected model.</source>
        <translation>Den hinzugefügten Ordner des gewählten Modells vergessen.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Add model folder</source>
        <translation>Modellordner hinzufügen</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>Suche…</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s)</source>
        <translation>
            <numerusform>%n Modell</numerusform>
            <numerusform>%n Modelle</numerusform>
        </translation>
    </message>
    <message>
        <source>No model selected</source>
        <translation>Kein Modell gewählt</translation>
    </message>
    <message>
        <source>Model not found</source>
        <translation>Modell nicht gefunden</translation>
    </message>
    <message>
        <source>Select a model on the left, or add a folder.</source>
        <translation>Wählen Sie links ein Modell oder fügen Sie einen Ordner hinzu.</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <source>Hidden size</source>
        <translation>Verborgene Größe</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>Vokabular</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Kontext</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 Tokens</translation>
    </message>
    <message>
        <source>Weights on disk</source>
        <translation>Gewichte auf der Platte</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>Tokenizer</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>Memory to fine-tune</source>
        <translation>Speicher fürs Feintuning</translation>
    </message>
    <message>
        <source>≈ %1 (batch %2, %3 tokens)</source>
        <translation>≈ %1 (Batch %2, %3 Tokens)</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Cannot be used: %1</source>
        <translation>Nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>The job&apos;s model folder is not among the discovered models. Add its folder with “Add folder…”.</source>
        <translation>Der Modellordner des Auftrags ist nicht unter den gefundenen Modellen. Fügen Sie ihn mit „Ordner hinzufügen…“ hinzu.</translation>
    </message>
    <message>
        <source>Download from Hugging Face…</source>
        <translation>Von Hugging Face herunterladen…</translation>
    </message>
    <message>
        <source>Download a model from the Hugging Face Hub into the shared cache.</source>
        <translation>Ein Modell vom Hugging Face Hub in den gemeinsamen Cache herunterladen.</translation>
    </message>
    <message>
        <source>This build cannot download: it was built without libcurl.</source>
        <translation>Dieser Build kann nicht herunterladen: Er wurde ohne libcurl gebaut.</translation>
    </message>
</context>
<context>
    <name>ft::ui::PlaygroundColumn</name>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>No model chosen</source>
        <translation>Kein Modell gewählt</translation>
    </message>
</context>
<context>
    <name>ft::ui::PlaygroundPanel</name>
    <message>
        <source>Playground</source>
        <translation>Ausprobieren</translation>
    </message>
    <message>
        <source>Try the fine-tuned model beside the base model: classify a text, or let both continue it and compare.</source>
        <translation>Das feinabgestimmte Modell neben dem Basismodell ausprobieren: einen Text klassifizieren oder von beiden fortsetzen lassen und vergleichen.</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>The fine-tuned model: a run folder (its best model, or the merged model of a LoRA run) or a model folder. Default: the run shown in the Evaluate step.</source>
        <translation>Das feinabgestimmte Modell: ein Laufordner (sein bestes Modell oder das zusammengeführte Modell eines LoRA-Laufs) oder ein Modellordner. Standard: der im Schritt „Auswerten“ gezeigte Lauf.</translation>
    </message>
    <message>
        <source>The model to compare with, usually the one the run started from. Default: the job&apos;s model. Leave empty to try one model only.</source>
        <translation>Das Vergleichsmodell, meist das, mit dem der Lauf begann. Standard: das Modell des Auftrags. Leer lassen, um nur ein Modell auszuprobieren.</translation>
    </message>
    <message>
        <source>Fine-tuned:</source>
        <translation>Feinabgestimmt:</translation>
    </message>
    <message>
        <source>Base:</source>
        <translation>Basis:</translation>
    </message>
    <message>
        <source>No run yet</source>
        <translation>Noch kein Lauf</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keines</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <source>Type a text to classify, or the start of a text to continue.</source>
        <translation>Einen Text zum Klassifizieren eingeben oder den Anfang eines Textes zum Fortsetzen.</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>Klassifizieren</translation>
    </message>
    <message>
        <source>The probability of each label, from both models.</source>
        <translation>Die Wahrscheinlichkeit jedes Labels, von beiden Modellen.</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generieren</translation>
    </message>
    <message>
        <source>Both models continue the text; the words appear as they are generated.</source>
        <translation>Beide Modelle setzen den Text fort; die Wörter erscheinen, während sie erzeugt werden.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop generating; what was generated so far stays.</source>
        <translation>Das Generieren anhalten; was bisher erzeugt wurde, bleibt stehen.</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>Erklären</translation>
    </message>
    <message>
        <source>Shade the words of the text by how much each one moved the prediction.</source>
        <translation>Die Wörter des Textes danach einfärben, wie stark jedes die Vorhersage beeinflusst hat.</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>Generierung</translation>
    </message>
    <message>
        <source>At most this many new tokens. Default: 64.</source>
        <translation>Höchstens so viele neue Tokens. Standard: 64.</translation>
    </message>
    <message>
        <source>greedy</source>
        <translation>greedy</translation>
    </message>
    <message>
        <source>0 always takes the most likely token (greedy). Above 0 samples: lower is more predictable, higher more varied. Default: greedy.</source>
        <translation>0 nimmt immer das wahrscheinlichste Token (greedy). Über 0 wird gezogen: niedriger ist vorhersehbarer, höher abwechslungsreicher. Standard: greedy.</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Sampling: choose among the k most likely tokens only. Default: off.</source>
        <translation>Beim Ziehen: nur unter den k wahrscheinlichsten Tokens wählen. Standard: aus.</translation>
    </message>
    <message>
        <source>Sampling: choose among the fewest most likely tokens whose probabilities add up to p. 1 is off. Default: 1.</source>
        <translation>Beim Ziehen: unter den wenigsten wahrscheinlichsten Tokens wählen, deren Wahrscheinlichkeiten zusammen p ergeben. 1 ist aus. Standard: 1.</translation>
    </message>
    <message>
        <source>Sampling: the same seed and settings give the same text. Default: 0.</source>
        <translation>Beim Ziehen: gleicher Startwert und gleiche Einstellungen ergeben denselben Text. Standard: 0.</translation>
    </message>
    <message>
        <source>e.g. \n\n</source>
        <translation>z. B. \n\n</translation>
    </message>
    <message>
        <source>Stop when the generated text contains this; \n is a line break. Default: none.</source>
        <translation>Anhalten, wenn der erzeugte Text dies enthält; \n ist ein Zeilenumbruch. Standard: keiner.</translation>
    </message>
    <message>
        <source>Max new tokens:</source>
        <translation>Max. neue Tokens:</translation>
    </message>
    <message>
        <source>Temperature:</source>
        <translation>Temperatur:</translation>
    </message>
    <message>
        <source>Top-k:</source>
        <translation>Top-k:</translation>
    </message>
    <message>
        <source>Top-p:</source>
        <translation>Top-p:</translation>
    </message>
    <message>
        <source>Repetition penalty:</source>
        <translation>Wiederholungsstrafe:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Startwert:</translation>
    </message>
    <message>
        <source>Stop at:</source>
        <translation>Anhalten bei:</translation>
    </message>
    <message>
        <source>Fine-tuned model</source>
        <translation>Feinabgestimmtes Modell</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>Basismodell</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Arbeitet…</translation>
    </message>
    <message>
        <source>token limit reached</source>
        <translation>Token-Grenze erreicht</translation>
    </message>
    <message>
        <source>end of text</source>
        <translation>Textende</translation>
    </message>
    <message>
        <source>stop text reached</source>
        <translation>Stopptext erreicht</translation>
    </message>
    <message>
        <source>the model&apos;s context is full</source>
        <translation>der Kontext des Modells ist voll</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s) in %1 s (%2)</source>
        <translation>
            <numerusform>%n Token in %1 s (%2)</numerusform>
            <numerusform>%n Tokens in %1 s (%2)</numerusform>
        </translation>
    </message>
    <message>
        <source>Classifying…</source>
        <translation>Klassifiziere…</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>Generiere…</translation>
    </message>
    <message>
        <source>Choose run or model folder</source>
        <translation>Lauf oder Modellordner wählen</translation>
    </message>
    <message>
        <source>The playground hit a problem</source>
        <translation>Beim Ausprobieren trat ein Problem auf</translation>
    </message>
    <message>
        <source>Playground finished</source>
        <translation>Ausprobieren abgeschlossen</translation>
    </message>
    <message>
        <source>Makes tokens already in the text less likely (1.1 to 1.3 is typical). Default: off.</source>
        <translation>Macht Tokens, die schon im Text stehen, unwahrscheinlicher (1,1 bis 1,3 ist üblich). Standard: aus.</translation>
    </message>
    <message>
        <source>Explaining…</source>
        <translation>Erkläre…</translation>
    </message>
</context>
<context>
    <name>ft::ui::PlaygroundWorker</name>
    <message>
        <source>This model has no classification head (fine-tuning for classification adds one), so it cannot classify. Use Generate.</source>
        <translation>Dieses Modell hat keinen Klassifikationskopf (Feintuning zur Klassifikation fügt einen hinzu) und kann daher nicht klassifizieren. Verwenden Sie „Generieren“.</translation>
    </message>
    <message>
        <source>This model is a classifier; it cannot continue text. Use Classify.</source>
        <translation>Dieses Modell ist ein Klassifikator; es kann keinen Text fortsetzen. Verwenden Sie „Klassifizieren“.</translation>
    </message>
    <message>
        <source>Why “%1”: the words moved its probability from %2 (no words) to %3.</source>
        <translation>Warum „%1“: Die Wörter haben seine Wahrscheinlichkeit von %2 (ohne Wörter) auf %3 verändert.</translation>
    </message>
    <message>
        <source>Explanations are for classifiers; this model continues text.</source>
        <translation>Erklärungen gibt es für Klassifikatoren; dieses Modell setzt Text fort.</translation>
    </message>
</context>
<context>
    <name>ft::ui::PlotInteraction</name>
    <message>
        <source>Wheel: zoom. Drag: pan. Double-click: show all data again. Right-click: save as PNG or PDF.</source>
        <translation>Mausrad: zoomen. Ziehen: verschieben. Doppelklick: wieder alle Daten zeigen. Rechtsklick: als PNG oder PDF speichern.</translation>
    </message>
    <message>
        <source>%1 — step %2: %3</source>
        <translation>%1 — Schritt %2: %3</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>Als PNG speichern…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Als PDF speichern…</translation>
    </message>
    <message>
        <source>Show all data</source>
        <translation>Alle Daten zeigen</translation>
    </message>
    <message>
        <source>Save chart as PDF</source>
        <translation>Diagramm als PDF speichern</translation>
    </message>
    <message>
        <source>Save chart as PNG</source>
        <translation>Diagramm als PNG speichern</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-Dokumente (*.pdf)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>ft::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>The language of the interface; it changes at the next start.</source>
        <translation>Die Sprache der Oberfläche; sie wechselt beim nächsten Start.</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>Where new runs are written and where the Runs step looks for past ones.</source>
        <translation>Wohin neue Läufe geschrieben werden und wo der Schritt „Läufe“ nach früheren sucht.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <source>Runs folder</source>
        <translation>Ordner für Läufe</translation>
    </message>
    <message>
        <source>Runs folder:</source>
        <translation>Ordner für Läufe:</translation>
    </message>
    <message>
        <source>all cores (%1)</source>
        <translation>alle Kerne (%1)</translation>
    </message>
    <message>
        <source>CPU threads a new job trains with; each job can still set its own in the Configure step.</source>
        <translation>CPU-Threads, mit denen ein neuer Auftrag trainiert; jeder Auftrag kann im Schritt „Konfigurieren“ eigene wählen.</translation>
    </message>
    <message>
        <source>Threads for new jobs:</source>
        <translation>Threads für neue Aufträge:</translation>
    </message>
    <message>
        <source>Automatic (GPU if present)</source>
        <translation>Automatisch (GPU, falls vorhanden)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation>GPU (CUDA)</translation>
    </message>
    <message>
        <source>Where a new job trains; each job can still choose in the Configure step.</source>
        <translation>Wo ein neuer Auftrag trainiert; jeder Auftrag kann im Schritt „Konfigurieren“ selbst wählen.</translation>
    </message>
    <message>
        <source>Device for new jobs:</source>
        <translation>Gerät für neue Aufträge:</translation>
    </message>
</context>
<context>
    <name>ft::ui::RunCompareModel</name>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>from scratch (random)</source>
        <translation>von Grund auf (zufällig)</translation>
    </message>
    <message>
        <source>pretrained</source>
        <translation>vortrainiert</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Macro F1</source>
        <translation>Makro-F1</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>Validierungsverlust</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>Perplexität</translation>
    </message>
</context>
<context>
    <name>ft::ui::RunCompareView</name>
    <message>
        <source>Macro F1</source>
        <translation>Makro-F1</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>Perplexität</translation>
    </message>
    <message>
        <source>The validation metric in the third chart.</source>
        <translation>Die Validierungsmetrik im dritten Diagramm.</translation>
    </message>
    <message>
        <source>Task metric:</source>
        <translation>Aufgabenmetrik:</translation>
    </message>
    <message>
        <source>Back to all runs</source>
        <translation>Zurück zu allen Läufen</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>Validierungsverlust</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>No training steps recorded</source>
        <translation>Keine Trainingsschritte aufgezeichnet</translation>
    </message>
    <message>
        <source>No validation during training</source>
        <translation>Keine Validierung während des Trainings</translation>
    </message>
    <message numerus="yes">
        <source>Comparing %n runs</source>
        <translation>
            <numerusform>%n Lauf im Vergleich</numerusform>
            <numerusform>%n Läufe im Vergleich</numerusform>
        </translation>
    </message>
    <message>
        <source>No training curve recorded for %1.</source>
        <translation>Keine Trainingskurve aufgezeichnet für %1.</translation>
    </message>
    <message>
        <source>Unreadable lines skipped in the metrics of %1 (a run stopped while writing).</source>
        <translation>Unlesbare Zeilen in den Metriken von %1 übersprungen (ein Lauf wurde beim Schreiben beendet).</translation>
    </message>
    <message>
        <source>validation perplexity</source>
        <translation>Validierungs-Perplexität</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>Validierungsgenauigkeit</translation>
    </message>
    <message>
        <source>validation macro F1</source>
        <translation>Validierungs-Makro-F1</translation>
    </message>
    <message>
        <source>No %1 recorded</source>
        <translation>Keine %1 aufgezeichnet</translation>
    </message>
</context>
<context>
    <name>ft::ui::RunsModel</name>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Macro F1</source>
        <translation>Makro-F1</translation>
    </message>
</context>
<context>
    <name>ft::ui::RunsPanel</name>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Change folder…</source>
        <translation>Ordner ändern…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>No runs yet. Finished and cancelled runs appear here.</source>
        <translation>Noch keine Läufe. Abgeschlossene und abgebrochene Läufe erscheinen hier.</translation>
    </message>
    <message>
        <source>Open run</source>
        <translation>Lauf öffnen</translation>
    </message>
    <message>
        <source>Show the selected run&apos;s evaluation.</source>
        <translation>Die Auswertung des gewählten Laufs zeigen.</translation>
    </message>
    <message>
        <source>Runs folder</source>
        <translation>Ordner der Läufe</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>Ordner: %1</translation>
    </message>
    <message>
        <source>Every run keeps its job, metrics, checkpoints and report in its own folder. Open one to see its evaluation, or select several to compare them.</source>
        <translation>Jeder Lauf hält Auftrag, Metriken, Checkpoints und Bericht in einem eigenen Ordner. Öffnen Sie einen, um seine Auswertung zu sehen, oder wählen Sie mehrere aus, um sie zu vergleichen.</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>Overlay the selected runs&apos; curves and put their final metrics side by side (select two or more runs with Ctrl or Shift).</source>
        <translation>Die Kurven der ausgewählten Läufe übereinanderlegen und ihre Endmetriken nebeneinanderstellen (zwei oder mehr Läufe mit Strg oder Umschalt auswählen).</translation>
    </message>
</context>
<context>
    <name>ft::ui::StepNavigator</name>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Configure</source>
        <translation>Konfigurieren</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Auswerten</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1: erledigt</translation>
    </message>
    <message>
        <source>%1: needs attention</source>
        <translation>%1: braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Playground</source>
        <translation>Ausprobieren</translation>
    </message>
</context>
<context>
    <name>ft::ui::TokenLengthChart</name>
    <message>
        <source>Length in tokens (all rows)</source>
        <translation>Länge in Tokens (alle Zeilen)</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>%1% longer than %2 tokens
(truncated)</source>
        <translation>%1 % länger als %2 Tokens
(gekürzt)</translation>
    </message>
</context>
<context>
    <name>ft::ui::TrainPanel</name>
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>Start the run and watch the losses. You can pause, or cancel: the last checkpoint stays valid and the run can be resumed.</source>
        <translation>Starten Sie den Lauf und beobachten Sie die Verluste. Sie können pausieren oder abbrechen: Der letzte Checkpoint bleibt gültig, der Lauf kann fortgesetzt werden.</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>Training starten</translation>
    </message>
    <message>
        <source>Check the job and start training in the background.</source>
        <translation>Auftrag prüfen und Training im Hintergrund starten.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Pause after the current optimizer step.</source>
        <translation>Nach dem aktuellen Optimierungsschritt pausieren.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop after the current step; the last checkpoint is kept.</source>
        <translation>Nach dem aktuellen Schritt anhalten; der letzte Checkpoint bleibt erhalten.</translation>
    </message>
    <message>
        <source>step %v / %m</source>
        <translation>Schritt %v / %m</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>Validierungsverlust</translation>
    </message>
    <message>
        <source>accuracy / F1</source>
        <translation>Genauigkeit / F1</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>macro F1</source>
        <translation>Makro-F1</translation>
    </message>
    <message>
        <source>Warnings and run messages appear here.</source>
        <translation>Warnungen und Meldungen des Laufs erscheinen hier.</translation>
    </message>
    <message>
        <source>Cancelling after the current step…</source>
        <translation>Abbruch nach dem aktuellen Schritt…</translation>
    </message>
    <message>
        <source>no model</source>
        <translation>kein Modell</translation>
    </message>
    <message>
        <source>no dataset</source>
        <translation>kein Datensatz</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n Schritt</numerusform>
            <numerusform>%n Schritte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n epoch(s)</source>
        <translation>
            <numerusform>%n Epoche</numerusform>
            <numerusform>%n Epochen</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; on &lt;b&gt;%2&lt;/b&gt; — %3, batch %4, learning rate %5%6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; mit &lt;b&gt;%2&lt;/b&gt; — %3, Batch %4, Lernrate %5%6</translation>
    </message>
    <message>
        <source>, from scratch</source>
        <translation>, von Grund auf</translation>
    </message>
    <message>
        <source>Cannot start: %1</source>
        <translation>Start nicht möglich: %1</translation>
    </message>
    <message>
        <source>The job is not ready to train; see the log.</source>
        <translation>Der Auftrag ist noch nicht trainierbar; siehe Protokoll.</translation>
    </message>
    <message>
        <source>Starting “%1”…</source>
        <translation>Starte „%1“…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Not started.</source>
        <translation>Nicht gestartet.</translation>
    </message>
    <message>
        <source>Run folder: %1</source>
        <translation>Laufordner: %1</translation>
    </message>
    <message>
        <source>Training %1 of %2 parameters.</source>
        <translation>Trainiere %1 von %2 Parametern.</translation>
    </message>
    <message>
        <source>Epoch %1 · loss %2 · %3 tokens/s · %4 samples/s · elapsed %5 · ETA %6</source>
        <translation>Epoche %1 · Verlust %2 · %3 Tokens/s · %4 Beispiele/s · vergangen %5 · verbleibend %6</translation>
    </message>
    <message>
        <source>Step %1: validation loss %2, accuracy %3, macro F1 %4</source>
        <translation>Schritt %1: Validierungsverlust %2, Genauigkeit %3, Makro-F1 %4</translation>
    </message>
    <message>
        <source>Checkpoint saved: %1</source>
        <translation>Checkpoint gespeichert: %1</translation>
    </message>
    <message>
        <source>Paused at step %1.</source>
        <translation>Pausiert bei Schritt %1.</translation>
    </message>
    <message>
        <source>Training paused</source>
        <translation>Training pausiert</translation>
    </message>
    <message>
        <source>Resumed.</source>
        <translation>Fortgesetzt.</translation>
    </message>
    <message>
        <source>Training resumed</source>
        <translation>Training fortgesetzt</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>Finished. Results are in %1</source>
        <translation>Fertig. Die Ergebnisse liegen in %1</translation>
    </message>
    <message>
        <source>Training finished</source>
        <translation>Training abgeschlossen</translation>
    </message>
    <message>
        <source>Cancelled at step %1; the last checkpoint is kept.</source>
        <translation>Bei Schritt %1 abgebrochen; der letzte Checkpoint bleibt erhalten.</translation>
    </message>
    <message>
        <source>Training cancelled</source>
        <translation>Training abgebrochen</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Training failed; see the log.</source>
        <translation>Training fehlgeschlagen; siehe Protokoll.</translation>
    </message>
    <message>
        <source>Peak memory of the app so far: %1.</source>
        <translation>Höchster Speicherbedarf der App bisher: %1.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Point-and-click fine-tuning of Hugging Face models.</source>
        <translation>Feintuning von Hugging-Face-Modellen per Mausklick.</translation>
    </message>
    <message>
        <source>Open this job file.</source>
        <translation>Diese Auftragsdatei öffnen.</translation>
    </message>
    <message>
        <source>job.json</source>
        <translation>job.json</translation>
    </message>
    <message>
        <source>Save a screenshot of every step into DIR and exit.</source>
        <translation>Von jedem Schritt ein Bildschirmfoto in VERZ speichern und beenden.</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>VERZ</translation>
    </message>
    <message>
        <source>Use the Fusion style.</source>
        <translation>Den Fusion-Stil verwenden.</translation>
    </message>
    <message>
        <source>Show this run&apos;s evaluation (and export it in the Export step).</source>
        <translation>Die Auswertung dieses Laufs zeigen (und ihn im Schritt „Exportieren“ exportieren).</translation>
    </message>
    <message>
        <source>RUN_DIR</source>
        <translation>LAUFVERZ</translation>
    </message>
</context>
</TS>
