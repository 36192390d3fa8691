/*
 * test_feedback.c — feedback_read() on a large table of replies as
 * complainants write them, in everyday Indonesian and English: negatives,
 * positives, mixed answers, questions, thanks without a verdict, scores,
 * misspellings and words hidden inside other words.  Each row is one
 * reply to "are you satisfied?" (the new text only, as intake passes it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "feedback.h"
#include "t.h"

#define S	FEEDBACK_SATISFIED
#define D	FEEDBACK_DISSATISFIED
#define U	FEEDBACK_UNCLEAR

struct row {
	const char		*text;
	enum feedback_verdict	 want;
	int			 score;		/* expected; 0: none */
	int			 scale;		/* configured; 0: 4 */
};

/* ---- not satisfied ---- */
static const struct row negatives[] = {
	/* the replies that were recorded as satisfied before */
	{ "ga puas, AC masih panas", D, 0, 0 },
	{ "gak puas pak", D, 0, 0 },
	{ "nggak puas, masih bocor", D, 0, 0 },
	{ "Saya tidak merasa puas", D, 0, 0 },
	{ "kurang memuaskan", D, 0, 0 },
	{ "I am not really satisfied", D, 0, 0 },
	{ "belum puas bu, lampunya masih mati", D, 0, 0 },
	/* every negator */
	{ "TIDAK PUAS", D, 0, 0 },
	{ "Tidak puas.", D, 0, 0 },
	{ "tidak puas!!!", D, 0, 0 },
	{ "Saya TIDAK PUAS, AC masih rusak", D, 0, 0 },
	{ "tdk puas", D, 0, 0 },
	{ "tak puas", D, 0, 0 },
	{ "gk puas", D, 0, 0 },
	{ "g puas", D, 0, 0 },
	{ "ngga puas", D, 0, 0 },
	{ "enggak puas", D, 0, 0 },
	{ "engga puas sama sekali", D, 0, 0 },
	{ "ndak puas", D, 0, 0 },
	{ "nda puas pak", D, 0, 0 },
	{ "kagak puas", D, 0, 0 },
	{ "ora puas", D, 0, 0 },
	{ "belum puas", D, 0, 0 },
	{ "blm puas", D, 0, 0 },
	{ "kurang puas", D, 0, 0 },
	{ "krg puas", D, 0, 0 },
	{ "bukan puas, malah kecewa", D, 0, 0 },
	{ "tidakpuas", D, 0, 0 },
	{ "gapuas", D, 0, 0 },
	{ "gakpuas bgt", D, 0, 0 },
	/* intensifiers, particles, fillers between */
	{ "sangat tidak puas", D, 0, 0 },
	{ "tidak terlalu puas", D, 0, 0 },
	{ "ga begitu puas sih", D, 0, 0 },
	{ "belum sepenuhnya puas", D, 0, 0 },
	{ "belum bisa dibilang puas", D, 0, 0 },
	{ "tidak 100% puas", D, 0, 0 },
	{ "ga puas bgt", D, 0, 0 },
	{ "gak puas sih", D, 0, 0 },
	{ "nggak puas deh", D, 0, 0 },
	{ "kurang puas kak", D, 0, 0 },
	{ "Saya belum merasa puas karena kipasnya masih mati", D, 0, 0 },
	{ "Tidak puas, atap masih bocor kalau hujan", D, 0, 0 },
	{ "Belum puas, toilet masih bau", D, 0, 0 },
	{ "Masih kurang puas", D, 0, 0 },
	{ "masih belum puas", D, 0, 0 },
	{ "Saya tidak puas dengan jawabannya", D, 0, 0 },
	{ "tidak puas dengan hasil perbaikannya", D, 0, 0 },
	{ "Terima kasih, tapi saya belum puas", D, 0, 0 },
	{ "Terima kasih atas tanggapannya, namun saya tidak puas", D, 0, 0 },
	/* elongated and misspelled */
	{ "gaaak puaaas", D, 0, 0 },
	{ "nggaaak puas", D, 0, 0 },
	{ "tidakk puass", D, 0, 0 },
	{ "kecewah", D, 0, 0 },
	{ "tdk pwas", D, 0, 0 },
	{ "gk puaz", D, 0, 0 },
	/* explicit disappointment */
	{ "sangat kecewa", D, 0, 0 },
	{ "kecewa berat", D, 0, 0 },
	{ "Saya kecewa dengan pelayanannya", D, 0, 0 },
	{ "mengecewakan", D, 0, 0 },
	{ "Pelayanannya sangat mengecewakan", D, 0, 0 },
	{ "kesal, sudah lapor dua kali", D, 0, 0 },
	{ "tidak memuaskan sama sekali", D, 0, 0 },
	{ "pelayanannya kurang memuaskan", D, 0, 0 },
	{ "hasilnya kurang memuaskan pak", D, 0, 0 },
	{ "Saya sampaikan ketidakpuasan saya", D, 0, 0 },
	{ "tidak senang", D, 0, 0 },
	/* the fault is still there */
	{ "Masih bocor pak", D, 0, 0 },
	{ "masih bocor", D, 0, 0 },
	{ "masih saja bocor", D, 0, 0 },
	{ "AC masih panas", D, 0, 0 },
	{ "AC-nya masih panas", D, 0, 0 },
	{ "lampunya masih mati", D, 0, 0 },
	{ "Lampu kelas masih mati semua", D, 0, 0 },
	{ "toiletnya masih kotor", D, 0, 0 },
	{ "Airnya masih belum mengalir", D, 0, 0 },
	{ "kran masih bocor terus", D, 0, 0 },
	{ "msh bocor", D, 0, 0 },
	{ "tetap bocor", D, 0, 0 },
	{ "tetep aja rusak", D, 0, 0 },
	{ "Nilai rapor masih kosong", D, 0, 0 },
	{ "nilai anak saya masih salah", D, 0, 0 },
	{ "Nilai masih 58, belum diperbaiki", D, 0, 0 },
	{ "Masih error aplikasinya", D, 0, 0 },
	{ "jaringan wifi masih lemot", D, 0, 0 },
	{ "Proyektornya masih rusak, kabelnya juga", D, 0, 0 },
	{ "Kunci pintu masih macet", D, 0, 0 },
	{ "WC masih mampet", D, 0, 0 },
	{ "Kelas masih gelap", D, 0, 0 },
	{ "Sudah 2 minggu masih bocor", D, 0, 0 },
	{ "sampai hari ini masih bocor", D, 0, 0 },
	{ "AC lagi rusak", D, 0, 0 },
	{ "Teknisinya belum datang, AC masih panas", D, 0, 0 },
	/* the fault came back */
	{ "Atapnya bocor lagi", D, 0, 0 },
	{ "rusak lagi pak", D, 0, 0 },
	{ "rusak lg", D, 0, 0 },
	{ "Kipasnya mati lagi setelah dua hari", D, 0, 0 },
	{ "Sudah rusak lagi", D, 0, 0 },
	{ "Baru seminggu sudah rusak lagi", D, 0, 0 },
	{ "bocor terus", D, 0, 0 },
	{ "mati mulu", D, 0, 0 },
	{ "rusak kembali", D, 0, 0 },
	/* nothing was done */
	{ "belum diperbaiki", D, 0, 0 },
	{ "Belum ada perbaikan sama sekali", D, 0, 0 },
	{ "belum ada tindak lanjut", D, 0, 0 },
	{ "Belum ada tanggapan dari sekolah", D, 0, 0 },
	{ "tidak ada perubahan", D, 0, 0 },
	{ "Tidak ada perubahan apa pun", D, 0, 0 },
	{ "gak ada perubahan", D, 0, 0 },
	{ "Tidak ada yang berubah", D, 0, 0 },
	{ "masih sama saja", D, 0, 0 },
	{ "sama aja pak, ga berubah", D, 0, 0 },
	{ "Masih sama seperti kemarin", D, 0, 0 },
	{ "Belum beres", D, 0, 0 },
	{ "belum selesai", D, 0, 0 },
	{ "Belum ditangani", D, 0, 0 },
	{ "Tidak ditindaklanjuti", D, 0, 0 },
	{ "AC tidak dingin", D, 0, 0 },
	{ "AC masih tidak dingin", D, 0, 0 },
	{ "AC belum dingin juga", D, 0, 0 },
	{ "AC tidak dingin sama sekali", D, 0, 0 },
	{ "lampu belum menyala", D, 0, 0 },
	{ "Masih belum bisa dipakai", D, 0, 0 },
	{ "Tidak bisa dipakai", D, 0, 0 },
	{ "Bangku yang patah belum diganti", D, 0, 0 },
	{ "Sampai sekarang belum diperbaiki", D, 0, 0 },
	{ "Belum ada yang datang untuk memperbaiki", D, 0, 0 },
	{ "masih menunggu perbaikan", D, 0, 0 },
	{ "Sudah dicek, tapi belum diperbaiki", D, 0, 0 },
	/* asking again for the repair says it is not done */
	{ "Mohon segera diperbaiki", D, 0, 0 },
	{ "Tolong diperbaiki lagi pak", D, 0, 0 },
	{ "Mohon ditindaklanjuti", D, 0, 0 },
	{ "Please fix it", D, 0, 0 },
	{ "minta dibereskan secepatnya", D, 0, 0 },
	/* disapproval */
	{ "jelek", D, 0, 0 },
	{ "Pelayanannya buruk", D, 0, 0 },
	{ "parah, masih bocor", D, 0, 0 },
	{ "percuma lapor", D, 0, 0 },
	{ "sia-sia saja melapor", D, 0, 0 },
	{ "penanganannya asal-asalan", D, 0, 0 },
	{ "perbaikannya asal jadi, sekarang bocor lagi", D, 0, 0 },
	{ "tidak becus", D, 0, 0 },
	{ "kurang bagus", D, 0, 0 },
	{ "kurang mantap", D, 0, 0 },
	{ "tidak sesuai harapan", D, 0, 0 },
	{ "tidak sesuai", D, 0, 0 },
	{ "Jawabannya tidak sesuai dengan keluhan saya", D, 0, 0 },
	{ "Saya tidak terima jawaban ini", D, 0, 0 },
	{ "Percuma, sama saja", D, 0, 0 },
	{ "kurang baik", D, 0, 0 },
	{ "tidak baik", D, 0, 0 },
	{ "lelet banget penanganannya", D, 0, 0 },
	/* a question that presupposes the fault */
	{ "Kenapa masih bocor?", D, 0, 0 },
	{ "Kok masih panas ya?", D, 0, 0 },
	{ "Mengapa belum diperbaiki?", D, 0, 0 },
	{ "Why is it still broken?", D, 0, 0 },
	/* emoji */
	{ "\xf0\x9f\x91\x8e", D, 0, 0 },
	{ "\xf0\x9f\x98\xa1\xf0\x9f\x98\xa1\xf0\x9f\x98\xa1 masih bocor", D, 0, 0 },
	{ "gk puas \xf0\x9f\x98\xa1", D, 0, 0 },
	{ "tidak \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbb", D, 0, 0 },
	/* English */
	{ "Not satisfied", D, 0, 0 },
	{ "NOT SATISFIED at all", D, 0, 0 },
	{ "I'm not satisfied with the answer", D, 0, 0 },
	{ "I\xe2\x80\x99m not satisfied", D, 0, 0 },
	{ "Not happy", D, 0, 0 },
	{ "I am not happy with the repair", D, 0, 0 },
	{ "Unsatisfied", D, 0, 0 },
	{ "dissatisfied", D, 0, 0 },
	{ "I'm disappointed", D, 0, 0 },
	{ "Very disappointed, the roof still leaks", D, 0, 0 },
	{ "disapointed", D, 0, 0 },
	{ "unhappy", D, 0, 0 },
	{ "I don't feel satisfied", D, 0, 0 },
	{ "Not entirely satisfied", D, 0, 0 },
	{ "not completely satisfied, the fan is still noisy", D, 0, 0 },
	{ "Not quite satisfied", D, 0, 0 },
	{ "not very happy", D, 0, 0 },
	{ "Not satisfied, please fix it properly", D, 0, 0 },
	{ "Still broken", D, 0, 0 },
	{ "The AC is still broken", D, 0, 0 },
	{ "It's still leaking", D, 0, 0 },
	{ "The toilet is still dirty", D, 0, 0 },
	{ "Nothing has changed", D, 0, 0 },
	{ "Nothing changed", D, 0, 0 },
	{ "No change at all", D, 0, 0 },
	{ "No improvement", D, 0, 0 },
	{ "Not fixed yet", D, 0, 0 },
	{ "It is not fixed", D, 0, 0 },
	{ "I don't think it's fixed", D, 0, 0 },
	{ "It has not been repaired", D, 0, 0 },
	{ "It doesn't work", D, 0, 0 },
	{ "Still not working", D, 0, 0 },
	{ "not working", D, 0, 0 },
	{ "The lamp broke again", D, 0, 0 },
	{ "broken again", D, 0, 0 },
	{ "Same problem as before", D, 0, 0 },
	{ "The problem is still the same", D, 0, 0 },
	{ "terrible service", D, 0, 0 },
	{ "useless", D, 0, 0 },
	{ "This is unacceptable", D, 0, 0 },
	{ "not resolved", D, 0, 0 },
	{ "unresolved", D, 0, 0 },
	{ "Still waiting for the repair", D, 0, 0 },
	{ "Masih broken", D, 0, 0 },
	{ "gak satisfied", D, 0, 0 },
	/* longer replies */
	{ "Selamat siang Pak,\n\nTerima kasih atas tanggapannya. Namun sampai "
	  "hari ini AC di kelas XI TKJ 1 masih belum dingin, siswa masih "
	  "kepanasan.\n\nSaya belum puas.", D, 0, 0 },
	{ "Dear Sir,\n\nThank you for your reply. Unfortunately the toilets "
	  "in Workshop B are still dirty and the roof still leaks when it "
	  "rains.\n\nRegards,\nDavid", D, 0, 0 },
	{ "Saya tidak\npuas dengan jawabannya", D, 0, 0 },
	{ "Tidak puas. Kemarin sudah diperbaiki tapi hari ini rusak lagi",
	  D, 0, 0 },
	/* found by reading replies the table did not have yet */
	{ "jawaban bapak tidak menyelesaikan masalah", D, 0, 0 },
	{ "Jawabannya tidak jelas", D, 0, 0 },
	{ "Ga ada hasilnya", D, 0, 0 },
	{ "Masih kepanasan", D, 0, 0 },
	{ "Anak saya masih kepanasan di kelas", D, 0, 0 },
	{ "WC nya masih bau pesing", D, 0, 0 },
	{ "The same issue happened again", D, 0, 0 },
	{ "Petugasnya tidak ramah", D, 0, 0 },
	{ "kurang cepat", D, 0, 0 },
	{ "belum tuntas", D, 0, 0 },
	{ "Saya rasa belum tuntas", D, 0, 0 },
	{ "tidak membantu sama sekali", D, 0, 0 },
	{ "Hasilnya nihil", D, 0, 0 },
	{ "Belum pak, AC di kelas masih belum dingin", D, 0, 0 },
	{ "Maaf pak, sampai sekarang kipasnya belum juga diganti", D, 0, 0 },
	{ "Sudah 3 kali lapor tetap tidak ada perubahan", D, 0, 0 },
	{ "Nggak ada yang beres", D, 0, 0 },
	{ "Still the same as before", D, 0, 0 },
	{ "It's worse than before", D, 0, 0 },
	{ "It broke again yesterday", D, 0, 0 },
	{ "No one has come to fix it", D, 0, 0 },
	{ "Mohon maaf, saya kurang puas karena jawabannya tidak jelas", D, 0, 0 },
	{ "Saya sudah cek, ternyata masih bocor", D, 0, 0 },
	{ "Sangat tidak memuaskan!!!", D, 0, 0 },
	{ "Sangat-sangat kecewa", D, 0, 0 },
	{ "Kecewa bgt sm pelayanannya", D, 0, 0 },
	{ "Kurang puas sm hasilnya krn msh bocor", D, 0, 0 },
	{ "Ngga lah, masih bocor gitu", D, 0, 0 },
	{ "gk ada perbaikan samsek", D, 0, 0 },
	{ "It still doesn't work properly", D, 0, 0 },
};

/* ---- satisfied ---- */
static const struct row positives[] = {
	{ "puas", S, 0, 0 },
	{ "PUAS", S, 0, 0 },
	{ "Puas.", S, 0, 0 },
	{ "Puas!", S, 0, 0 },
	{ "puas pak", S, 0, 0 },
	{ "Puas, terima kasih", S, 0, 0 },
	{ "Saya puas", S, 0, 0 },
	{ "Saya sangat puas", S, 0, 0 },
	{ "sangat puas sekali", S, 0, 0 },
	{ "puas banget", S, 0, 0 },
	{ "puas bgt", S, 0, 0 },
	{ "puasss", S, 0, 0 },
	{ "puaaas bu", S, 0, 0 },
	{ "pwas", S, 0, 0 },
	{ "puaz", S, 0, 0 },
	{ "puass", S, 0, 0 },
	{ "Ya, puas", S, 0, 0 },
	{ "iya puas kak", S, 0, 0 },
	{ "cukup puas", S, 0, 0 },
	{ "lumayan puas", S, 0, 0 },
	{ "Alhamdulillah puas", S, 0, 0 },
	{ "bukan main puasnya", S, 0, 0 },
	{ "puas sama hasilnya", S, 0, 0 },
	{ "Puas sih, cuma agak lama", S, 0, 0 },
	{ "memuaskan", S, 0, 0 },
	{ "Sangat memuaskan", S, 0, 0 },
	{ "pelayanannya memuaskan", S, 0, 0 },
	{ "Hasilnya memuaskan, terima kasih", S, 0, 0 },
	{ "memuaskn", S, 0, 0 },
	{ "Saya senang", S, 0, 0 },
	{ "Senang sekali, terima kasih", S, 0, 0 },
	{ "Sudah sesuai harapan", S, 0, 0 },
	{ "sesuai harapan", S, 0, 0 },
	{ "Puas. Tidak ada keluhan lagi", S, 0, 0 },
	/* the fault is gone */
	{ "sudah beres, terima kasih", S, 0, 0 },
	{ "sudah beres pak", S, 0, 0 },
	{ "beres", S, 0, 0 },
	{ "udh beres", S, 0, 0 },
	{ "Sudah diperbaiki, terima kasih", S, 0, 0 },
	{ "Terima kasih sudah diperbaiki", S, 0, 0 },
	{ "terima kasih sudah dibereskan", S, 0, 0 },
	{ "Makasih, AC sudah dingin", S, 0, 0 },
	{ "AC sudah dingin sekarang", S, 0, 0 },
	{ "Lampu sudah menyala semua", S, 0, 0 },
	{ "Air sudah mengalir lagi", S, 0, 0 },
	{ "Toilet sudah bersih", S, 0, 0 },
	{ "Kipasnya sudah diganti dan berfungsi normal", S, 0, 0 },
	{ "Sudah normal kembali", S, 0, 0 },
	{ "Masalah sudah teratasi", S, 0, 0 },
	{ "sudah tidak bocor lagi", S, 0, 0 },
	{ "Atapnya tidak bocor lagi", S, 0, 0 },
	{ "Tidak ada keluhan lagi", S, 0, 0 },
	{ "tidak ada masalah", S, 0, 0 },
	{ "gak ada masalah pak", S, 0, 0 },
	{ "Alhamdulillah sudah beres", S, 0, 0 },
	{ "Alhamdulillah, sudah dingin AC-nya", S, 0, 0 },
	{ "AC sdh dingin, mksh", S, 0, 0 },
	{ "Udah nyala lampunya", S, 0, 0 },
	{ "Sudah bisa dipakai lagi", S, 0, 0 },
	{ "Sekarang sudah lancar", S, 0, 0 },
	{ "Nilai sudah diperbaiki di rapor", S, 0, 0 },
	{ "Kelas XI TKJ 2 sudah beres", S, 0, 0 },
	{ "tanggal 4 sudah diperbaiki", S, 0, 0 },
	/* approval */
	{ "aman pak", S, 0, 0 },
	{ "Aman, makasih", S, 0, 0 },
	{ "mantap", S, 0, 0 },
	{ "Mantap pak, terima kasih", S, 0, 0 },
	{ "mantab", S, 0, 0 },
	{ "mantul", S, 0, 0 },
	{ "sip", S, 0, 0 },
	{ "Sip, makasih", S, 0, 0 },
	{ "siiip", S, 0, 0 },
	{ "oke", S, 0, 0 },
	{ "Ok", S, 0, 0 },
	{ "okee pak", S, 0, 0 },
	{ "oke pak terima kasih", S, 0, 0 },
	{ "bagus", S, 0, 0 },
	{ "Bagus sekali", S, 0, 0 },
	{ "bgs", S, 0, 0 },
	{ "Pelayanannya bagus dan cepat tanggap", S, 0, 0 },
	{ "keren", S, 0, 0 },
	{ "top", S, 0, 0 },
	{ "Sangat baik", S, 0, 0 },
	{ "baik", S, 0, 0 },
	/* an "ok" to the answer accepts it */
	{ "Baik, terima kasih", S, 0, 0 },
	{ "Cepat tanggap, terima kasih", S, 0, 0 },
	{ "Gercep, mantap", S, 0, 0 },
	{ "Nggak pake lama, langsung diperbaiki", S, 0, 0 },
	{ "tidak kecewa", S, 0, 0 },
	{ "Tidak mengecewakan", S, 0, 0 },
	{ "tidak buruk", S, 0, 0 },
	{ "Lumayan", S, 0, 0 },
	{ "Terima kasih, sudah lebih baik", S, 0, 0 },
	{ "tidak apa-apa", S, 0, 0 },
	{ "gpp", S, 0, 0 },
	{ "Ga papa pak", S, 0, 0 },
	{ "tidak apa2", S, 0, 0 },
	{ "Puas.\n\nTapi lain kali lebih cepat ya", S, 0, 0 },
	{ "\xf0\x9f\x91\x8d", S, 0, 0 },
	{ "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbb", S, 0, 0 },
	{ "Terima kasih \xf0\x9f\x91\x8d", S, 0, 0 },
	{ "Mantap \xf0\x9f\x91\x8c", S, 0, 0 },
	/* English */
	{ "Satisfied", S, 0, 0 },
	{ "satisfied, thanks", S, 0, 0 },
	{ "Very satisfied", S, 0, 0 },
	{ "I am satisfied", S, 0, 0 },
	{ "I'm happy with the result", S, 0, 0 },
	{ "Happy", S, 0, 0 },
	{ "Thank you, it's fixed", S, 0, 0 },
	{ "thank you it's fixed now", S, 0, 0 },
	{ "It works now", S, 0, 0 },
	{ "It's working now, thanks", S, 0, 0 },
	{ "All good", S, 0, 0 },
	{ "Everything is fine now", S, 0, 0 },
	{ "Great job", S, 0, 0 },
	{ "Excellent service", S, 0, 0 },
	{ "Perfect, thank you", S, 0, 0 },
	{ "The AC has been repaired, thanks", S, 0, 0 },
	{ "Problem solved", S, 0, 0 },
	{ "Resolved, thank you", S, 0, 0 },
	{ "No more leaks", S, 0, 0 },
	{ "No problem", S, 0, 0 },
	{ "No complaints", S, 0, 0 },
	{ "Not bad", S, 0, 0 },
	{ "Pleased with the result", S, 0, 0 },
	{ "I'm glad it's fixed", S, 0, 0 },
	{ "Well done", S, 0, 0 },
	{ "Good", S, 0, 0 },
	{ "ok thanks", S, 0, 0 },
	{ "satisfed", S, 0, 0 },
	{ "hapy", S, 0, 0 },
	{ "It's no longer leaking", S, 0, 0 },
	{ "Puas, thanks", S, 0, 0 },
	{ "udah fixed", S, 0, 0 },
	/* longer replies */
	{ "Yth. Bapak/Ibu,\nTerima kasih, kipas angin di kelas anak saya "
	  "sudah diganti dan sekarang berfungsi dengan baik. Saya puas dengan "
	  "penanganannya.\nSalam,\nRatna", S, 0, 0 },
	{ "Hello, thanks for the quick response. Everything works now. "
	  "Regards", S, 0, 0 },
	/* found by reading replies the table did not have yet */
	{ "sangat membantu", S, 0, 0 },
	{ "Terima kasih banyak pak, sangat membantu", S, 0, 0 },
	{ "Thanks, much better now", S, 0, 0 },
	{ "It's better now", S, 0, 0 },
	{ "AC udah adem", S, 0, 0 },
	{ "AC sudah sejuk", S, 0, 0 },
	{ "Sudah wangi", S, 0, 0 },
	{ "Responnya cepat", S, 0, 0 },
	{ "Petugasnya ramah dan cepat", S, 0, 0 },
	{ "alhamdulillah udah ga bocor", S, 0, 0 },
	{ "Sudah oke pak", S, 0, 0 },
	{ "Ok sip", S, 0, 0 },
	{ "Puas pak, tapi mohon ke depannya lebih cepat", S, 0, 0 },
	{ "Puas, semoga tidak rusak lagi", S, 0, 0 },
	{ "Sangat puas. Semoga pelayanan semakin baik", S, 0, 0 },
	{ "Puas dgn pelayanannya", S, 0, 0 },
	{ "puas dengan hasilnya", S, 0, 0 },
	{ "hasilnya bagus", S, 0, 0 },
	{ "Sudah dibenerin pak makasih ya", S, 0, 0 },
	{ "Thank you very much, the problem has been solved", S, 0, 0 },
	{ "respon cepat, puas", S, 0, 0 },
	{ "Tidak masalah", S, 0, 0 },
	{ "Gak masalah pak", S, 0, 0 },
	{ "Oke baik pak", S, 0, 0 },
	{ "Puas 100%", S, 0, 0 },
	{ "100% puas", S, 0, 0 },
	{ "mantap jiwa", S, 0, 0 },
	{ "Mantaaap", S, 0, 0 },
	{ "Ya udah deh gapapa", S, 0, 0 },
	{ "Sudah jalan normal", S, 0, 0 },
	{ "The roof doesn't leak anymore", S, 0, 0 },
	{ "It's not leaking anymore", S, 0, 0 },
	{ "No longer broken", S, 0, 0 },
	{ "Works perfectly", S, 0, 0 },
};

/* ---- neither: mixed, questions, thanks, acknowledgements ---- */
static const struct row unclear[] = {
	/* mixed signals */
	{ "puas, tapi AC masih panas", U, 0, 0 },
	{ "Puas sih, tapi AC masih agak panas", U, 0, 0 },
	{ "Lumayan, tapi belum sempurna", U, 0, 0 },
	{ "Bagus, tapi masih bocor sedikit", U, 0, 0 },
	{ "Toilet sudah bersih tapi airnya masih belum mengalir", U, 0, 0 },
	{ "Satisfied, but the fan is still noisy", U, 0, 0 },
	{ "Puas dengan pelayanannya tapi tidak puas dengan hasilnya", U, 0, 0 },
	{ "Saya puas tapi juga kecewa", U, 0, 0 },
	{ "Good, but still leaking", U, 0, 0 },
	{ "Sudah diperbaiki tapi rusak lagi", U, 0, 0 },
	{ "Sebagian sudah diperbaiki, sebagian belum", U, 0, 0 },
	{ "Kipas sudah nyala, tapi lampu masih mati", U, 0, 0 },
	{ "I'm satisfied with the response but the AC is still hot", U, 0, 0 },
	{ "mohon lebih cepat", U, 0, 0 },
	{ "Belum ada kabar", U, 0, 0 },
	{ "Kok belum ada kabar?", U, 0, 0 },
	{ "Nobody came", U, 0, 0 },
	{ "I'm not sure it's fixed", U, 0, 0 },
	{ "Ya sudah lah", U, 0, 0 },
	{ "Tidak 100%", U, 0, 0 },
	/* questions */
	{ "apakah sudah diperbaiki?", U, 0, 0 },
	{ "Apakah AC-nya sudah diganti?", U, 0, 0 },
	{ "Sudah diperbaiki belum?", U, 0, 0 },
	{ "Kapan teknisi datang?", U, 0, 0 },
	{ "Kapan diperbaiki?", U, 0, 0 },
	{ "kapan akan diperbaiki", U, 0, 0 },
	{ "Bagaimana dengan kipas di kelas sebelah?", U, 0, 0 },
	{ "Gimana kelanjutannya?", U, 0, 0 },
	{ "Apa sudah beres", U, 0, 0 },
	{ "Pak, apakah lampunya sudah diganti", U, 0, 0 },
	{ "Sudah puas?", U, 0, 0 },
	{ "Is it fixed?", U, 0, 0 },
	{ "When will it be repaired?", U, 0, 0 },
	{ "Has the AC been replaced?", U, 0, 0 },
	/* thanks without a verdict */
	{ "terima kasih infonya", U, 0, 0 },
	{ "Terima kasih", U, 0, 0 },
	{ "makasih pak", U, 0, 0 },
	{ "Terima kasih atas tanggapannya", U, 0, 0 },
	{ "Terima kasih atas perhatiannya", U, 0, 0 },
	{ "Thanks for the information", U, 0, 0 },
	{ "Thank you", U, 0, 0 },
	{ "thx", U, 0, 0 },
	{ "Alhamdulillah", U, 0, 0 },
	{ "Terima kasih \xf0\x9f\x99\x8f", U, 0, 0 },
	{ "\xf0\x9f\x99\x8f", U, 0, 0 },
	{ "Sama-sama", U, 0, 0 },
	{ "Noted, thanks", U, 0, 0 },
	/* not yet seen, or not a fact */
	{ "Terima kasih, saya tunggu kabar selanjutnya", U, 0, 0 },
	{ "Ok, saya tunggu", U, 0, 0 },
	{ "Baik, akan saya cek dulu", U, 0, 0 },
	{ "Oke nanti saya cek", U, 0, 0 },
	{ "Ditunggu kabar baiknya", U, 0, 0 },
	{ "Semoga segera diperbaiki", U, 0, 0 },
	{ "Saya tidak tahu apakah sudah diperbaiki", U, 0, 0 },
	{ "Kalau sudah diperbaiki, tolong kabari", U, 0, 0 },
	{ "I hope it will be fixed soon", U, 0, 0 },
	{ "OK, I'll wait", U, 0, 0 },
	{ "Let me check first", U, 0, 0 },
	/* a bare answer that says nothing by itself */
	{ "Tidak", U, 0, 0 },
	{ "Belum.", U, 0, 0 },
	{ "No", U, 0, 0 },
	{ "Ya", U, 0, 0 },
	{ "Sudah", U, 0, 0 },
	{ "Not yet", U, 0, 0 },
	{ "Biasa saja", U, 0, 0 },
	{ "biasa aja", U, 0, 0 },
	{ "Belum ada yang datang", U, 0, 0 },
	{ "Terima kasih atas perbaikannya", U, 0, 0 },
	/* words that are not the words they contain */
	{ "juga", U, 0, 0 },
	{ "Saya juga mau lapor soal lain", U, 0, 0 },
	{ "Survei kepuasan pelanggan", U, 0, 0 },
	{ "kepuasan pelanggan", U, 0, 0 },
	{ "Maaf baru balas, sedang puasa", U, 0, 0 },
	{ "Ada gajah di sekolah", U, 0, 0 },
	{ "Tagihan listrik bulan ini", U, 0, 0 },
	{ "Pusat kota", U, 0, 0 },
	{ "Ganti oli", U, 0, 0 },
	{ "tolong kirim fotonya", U, 0, 0 },
	{ "Oh my god", U, 0, 0 },
	{ "", U, 0, 0 },
	{ "   \n\n  ", U, 0, 0 },
	{ "...", U, 0, 0 },
	{ "Saya Sri, orang tua Andi", U, 0, 0 },
};

/* ---- scores (scale 4 unless given) ---- */
static const struct row scores[] = {
	{ "4", S, 4, 0 },
	{ "3", S, 3, 0 },
	{ "2", D, 2, 0 },
	{ "1", D, 1, 0 },
	{ "4.", S, 4, 0 },
	{ "4!", S, 4, 0 },
	{ "3 pak", S, 3, 0 },
	{ "4, terima kasih", S, 4, 0 },
	{ "4 terima kasih", S, 4, 0 },
	{ "Nilai 4", S, 4, 0 },
	{ "nilai 3", S, 3, 0 },
	{ "nilai: 2", D, 2, 0 },
	{ "Nilai saya 1", D, 1, 0 },
	{ "nilainya 4", S, 4, 0 },
	{ "skor 4", S, 4, 0 },
	{ "score 2", D, 2, 0 },
	{ "skor: 2/5", D, 2, 0 },
	{ "Skor: 2/5", D, 2, 0 },
	{ "skor 4/5", S, 4, 0 },
	{ "3/4", S, 3, 0 },
	{ "1/4", D, 1, 0 },
	{ "4/4, mantap", S, 4, 0 },
	{ "3 dari 4", S, 3, 0 },
	{ "2 dari 4", D, 2, 0 },
	{ "nilai 4 dari 4", S, 4, 0 },
	{ "nilai 3 dari 5", D, 3, 0 },
	{ "rating 8/10", S, 8, 0 },
	{ "rating: 5 out of 10", D, 5, 0 },
	{ "5 bintang", S, 5, 0 },
	{ "bintang 5", S, 5, 0 },
	{ "Bintang 1", D, 1, 0 },
	{ "nilai empat", S, 4, 0 },
	{ "Empat", S, 4, 0 },
	{ "nilai 4, puas", S, 4, 0 },
	{ "2, masih bocor", D, 2, 0 },
	{ "Nilai 1, sangat kecewa", D, 1, 0 },
	{ "4 tapi masih bocor", U, 4, 0 },
	{ "nilai 1 tapi puas", U, 1, 0 },
	{ "Pelayanannya 4/4 lah", S, 4, 0 },
	/* a 1-5 scale */
	{ "5", S, 5, 5 },
	{ "4", S, 4, 5 },
	{ "3", D, 3, 5 },
	{ "nilai 2", D, 2, 5 },
	/* out of range: not a score */
	{ "5", U, 0, 4 },
	{ "nilai 5", U, 0, 4 },
	{ "0", U, 0, 0 },
	{ "nilai 58", U, 0, 0 },
	/* numbers that are not scores */
	{ "3 hari lagi baru diperbaiki", D, 0, 0 },
	{ "Nilai rapor masih 58", U, 0, 0 },
	{ "AC di ruang 3 masih panas", D, 0, 0 },
	{ "24/7 masih bocor", D, 0, 0 },
	{ "1/2 jam kemudian mati lagi", D, 0, 0 },
	{ "2 dari 3 lampu masih mati", D, 0, 0 },
	{ "3 hari", U, 0, 0 },
	{ "Kelas X 2 sudah beres", S, 0, 0 },
	{ "Telp 0812 3456 7890", U, 0, 0 },
	{ "Tahun 2026", U, 0, 0 },
};

static void
run_rows(const char *group, const struct row *r, size_t n)
{
	struct feedback f;
	char what[200];
	size_t i;
	int ok, bad = 0;

	for (i = 0; i < n; i++) {
		feedback_read(r[i].text, r[i].scale ? r[i].scale : 4, &f);
		ok = f.verdict == r[i].want && f.score == r[i].score;
		snprintf(what, sizeof what, "%s: \"%.100s\" is %s%s", group,
		    r[i].text, feedback_verdict_name(r[i].want),
		    r[i].score ? " with its score" : "");
		if (!T_OK(ok, what)) {
			printf("#   got: %s, score %d/%d, cue [%s]\n",
			    feedback_verdict_name(f.verdict), f.score, f.scale,
			    f.cue);
			bad++;
		}
	}
	printf("# %s: %zu rows, %d wrong\n", group, n, bad);
}

static void
test_cues(void)
{
	struct feedback f;

	feedback_read("Saya tidak merasa puas, AC masih panas", 4, &f);
	T_STR(f.cue, "tidak merasa puas", "the cue: the negated verdict");
	feedback_read("puas, tapi AC masih panas", 4, &f);
	T_STR(f.cue, "mixed: puas / masih panas", "the cue of mixed signals");
	feedback_read("skor: 2/5", 4, &f);
	T_STR(f.cue, "score 2/5", "the cue of a score");
	T_INT(f.scale, 5, "a written scale is kept");
	feedback_read("nilai 3", 5, &f);
	T_INT(f.scale, 5, "... else the configured one");
	feedback_read(NULL, 4, &f);
	T_OK(f.verdict == U && f.score == 0 && f.cue[0] == '\0',
	    "NULL reads as nothing");
}

static void
test_score_verdict(void)
{
	T_INT(feedback_score_verdict(3, 4), S, "3 of 4: baik");
	T_INT(feedback_score_verdict(2, 4), D, "2 of 4: kurang baik");
	T_INT(feedback_score_verdict(4, 5), S, "4 of 5");
	T_INT(feedback_score_verdict(3, 5), D, "3 of 5, the middle: not satisfied");
	T_INT(feedback_score_verdict(6, 10), S, "6 of 10");
	T_INT(feedback_score_verdict(5, 10), D, "5 of 10");
	T_INT(feedback_score_verdict(0, 4), U, "0: no score");
	T_INT(feedback_score_verdict(5, 4), U, "beyond the scale: no score");
}

/* Only the first FEEDBACK_TEXT_MAX bytes count; anything is read fast. */
static void
test_bounds(void)
{
	struct feedback f;
	struct buf b;
	struct timespec t0, t1;
	double dt;
	int i;

	buf_init(&b);
	for (i = 0; i < FEEDBACK_TEXT_MAX / 8; i++) {
		buf_adds(&b, "lorem   ");
	}
	buf_adds(&b, "tidak puas");
	feedback_read(b.data, 4, &f);
	T_INT(f.verdict, U, "a verdict after the first 4 KB is not read");
	buf_reset(&b);
	for (i = 0; i < 200000; i++) {
		buf_adds(&b, i % 3 ? "tidak masih " : "puas, ");
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < 100; i++) {
		feedback_read(b.data, 4, &f);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	dt = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("# 100 readings of a 2.4 MB reply in %.3f s\n", dt);
	T_OK(f.verdict == S || f.verdict == U || f.verdict == D,
	    "a 2.4 MB reply is read (its first 4 KB)");
	buf_free(&b);
}

static void
test_vocabulary(void)
{
	char err[200] = "";

	T_INT(feedback_check_vocabulary(err, sizeof err), 0,
	    "the vocabulary table is well-formed, no row twice");
	if (err[0] != '\0') {
		printf("# %s\n", err);
	}
}

int
main(void)
{
	run_rows("not satisfied", negatives,
	    sizeof negatives / sizeof negatives[0]);
	run_rows("satisfied", positives, sizeof positives / sizeof positives[0]);
	run_rows("unclear", unclear, sizeof unclear / sizeof unclear[0]);
	run_rows("score", scores, sizeof scores / sizeof scores[0]);
	test_cues();
	test_score_verdict();
	test_bounds();
	test_vocabulary();
	return t_done();
}
